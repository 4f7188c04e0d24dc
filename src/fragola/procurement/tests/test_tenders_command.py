"""``fragola tenders simulate FILE [--json]``: what a tender office sees on its terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fragola.procurement.management.commands.tenders import (
    ERR_FILE_ERRORS,
    ERR_NOT_JSON,
    ERR_NOT_UTF8,
    ERR_UNKNOWN_BIDDER,
)
from fragola.procurement.scoring.messages import ERR_MISSING_SHEET, ERR_NOT_A_WORKBOOK
from fragola.procurement.tests.tender_files import tender

SRC = Path(__file__).resolve().parents[3]


def write(tmp_path, data, name="tender.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def simulate(*args):
    out, err = StringIO(), StringIO()
    call_command("tenders", "simulate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_every_bid_as_json(tmp_path):
    data = tender(technical={"threshold": 40, "threshold_on": "raw"})
    out, _ = simulate(write(tmp_path, data), "--json")
    # Beta (39.5) excluded; inverse among Alfa (90,000) and Gamma (85,000)
    assert json.loads(out) == {
        "winner": "Gamma",
        "bids": [
            {"bidder": "Alfa", "admitted": True, "technical": "55.00", "economic": "28.33",
             "total": "83.33", "rank": 2},
            {"bidder": "Beta", "admitted": False, "technical": "39.50", "economic": None,
             "total": None, "rank": None},
            {"bidder": "Gamma", "admitted": True, "technical": "53.50", "economic": "30.00",
             "total": "83.50", "rank": 1},
        ],
    }  # fmt: skip


def test_it_prints_a_readable_table_naming_the_winner_and_the_excluded(tmp_path):
    data = tender(technical={"threshold": 40, "threshold_on": "raw"})
    out, _ = simulate(write(tmp_path, data), "--lang", "en")
    lines = out.splitlines()
    assert lines[0] == "SAD Ambito 3, lotto 1"
    assert lines[2].split() == ["Alfa", "55.00", "28.33", "83.33", "2"]
    assert "excluded: technical score below the threshold" in lines[3]
    assert lines[-1] == "Winner: Gamma"


def test_a_true_tie_is_reported_without_a_winner(tmp_path):
    data = tender()
    data["bids"][2] = {**data["bids"][0], "bidder": "Alfa bis"}  # both 81.67, Beta 69.50
    out, _ = simulate(write(tmp_path, data), "--lang", "en")
    assert out.splitlines()[-1] == "No winner: Alfa, Alfa bis tie on total and technical score."


def test_it_names_every_problem_of_a_bad_file_and_scores_nothing(tmp_path):
    data = tender(price={"formula": "quadratic"})
    data["bids"][2]["coefficients"]["B"] = ["0.5", "1.5"]
    data["bids"][1]["bidder"] = "Alfa"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "tenders", "simulate", write(tmp_path, data), "--json", "--lang", "en",
            stdout=out, stderr=err,
        )  # fmt: skip
    assert caught.value.returncode == 1
    assert str(caught.value) == ERR_FILE_ERRORS % {"count": 3}
    assert err.getvalue().splitlines() == [
        'price.formula: Unknown value "quadratic": use one of inverse, linear, bilinear, concave.',
        "bids[1] (Alfa).bidder: The bidder Alfa appears twice.",
        "bids[2] (Gamma).coefficients.B[1]: A coefficient must be between 0 and 1.",
    ]
    assert out.getvalue() == ""


def test_it_speaks_italian_to_an_italian_user(tmp_path):
    data = tender()
    del data["rounding"]
    with pytest.raises(CommandError) as caught:
        simulate(write(tmp_path, data), "--lang", "it")
    assert "1 errore/i: la gara non è stata valutata." in str(caught.value)


def test_a_file_that_is_not_json_is_named_with_its_line(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "tenders", "simulate", write(tmp_path, '{"base_amount": '), "--lang", "en", stderr=err
        )
    expected = ERR_NOT_JSON % {"reason": "Expecting value", "line": 1, "column": 17}
    assert err.getvalue().strip() == f"(file): {expected}"


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Società"}'.encode("latin-1"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("tenders", "simulate", str(path), "--lang", "en", stderr=err)
    assert err.getvalue().strip() == f"(file): {ERR_NOT_UTF8}"


def test_a_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError) as caught:
        simulate(str(tmp_path / "nowhere.json"))
    assert caught.value.returncode == 2


def run_cli(*args):
    env = {**os.environ, "PYTHONPATH": str(SRC), "LANG": "en_GB.UTF-8", "LANGUAGE": ""}
    return subprocess.run(
        [sys.executable, "-m", "fragola", "tenders", *args],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip


def test_the_real_command_exits_0_with_json_and_1_with_errors_on_stderr(tmp_path):
    good = run_cli("simulate", write(tmp_path, tender(price={"formula": "linear"})), "--json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["winner"] == "Gamma"  # 76.00 against 70.00 and 69.50
    data = tender()
    del data["bids"][0]["price"]
    bad = run_cli("simulate", write(tmp_path, data, "bad.json"), "--json")
    assert bad.returncode == 1
    assert "bids[0] (Alfa).price: This field is required." in bad.stderr
    assert bad.stdout == ""


def test_it_says_what_price_a_bidder_needs_to_win(tmp_path):
    # linear: Gamma wins with 76.00 (53.5 + 30 * 0.15/0.20). Alfa (55) at a discount R up to
    # Beta's 0.20 gets 150 R: 55 + 150 R >= 76 -> R >= 0.14, and at exactly 0.14 (86,000) the
    # totals tie at 76 and Alfa's technical 55 beats Gamma's 53.5: 86,000.00 is the answer.
    path = write(tmp_path, tender(price={"formula": "linear"}))
    out, _ = simulate(path, "--to-win", "alfa", "--json")
    assert json.loads(out)["to_win"] == {
        "bidder": "Alfa", "outcome": "wins", "price": "86000.00", "discount": "0.140000"
    }  # fmt: skip
    out, _ = simulate(path, "--to-win", "Alfa", "--lang", "en")
    assert out.splitlines()[-1] == "Alfa wins alone at 86000.00 or less (discount 14.0000%)."


def test_a_bidder_under_the_threshold_cannot_win_at_any_price(tmp_path):
    path = write(tmp_path, tender(technical={"threshold": 40, "threshold_on": "raw"}))
    out, _ = simulate(path, "--to-win", "Beta", "--lang", "en")
    assert out.splitlines()[-1] == "Beta is below the threshold: no price wins."


def test_to_win_needs_a_bidder_of_the_file(tmp_path):
    with pytest.raises(CommandError) as caught:
        simulate(write(tmp_path, tender()), "--to-win", "Omega", "--lang", "en")
    assert caught.value.returncode == 2
    assert str(caught.value) == ERR_UNKNOWN_BIDDER % {"bidder": "Omega"}


def workbook(path, *, drop=None, coefficient="0.8"):
    from openpyxl import Workbook

    book = Workbook()
    sheets = {
        "tender": [
            ("name", "Nido Comune"), ("base_amount", 100000), ("rounding", 2),
            ("technical.points", 70), ("technical.reparametrise", "none"),
            ("price.points", 30), ("price.formula", "linear"),
        ],
        "criteria": [("id", "points"), ("A", 40), ("B", 30)],
        "bids": [("bidder", "price"), ("Alfa", 90000), ("Beta", 80000.0)],
        "coefficients": [
            ("bidder", "criterion", "1", "2"),
            ("Alfa", "A", float(coefficient), 0.6), ("Alfa", "B", 1, 0.8),
            ("Beta", "A", 0.5, 0.5), ("Beta", "B", 0.6, 0.7),
        ],
    }  # fmt: skip
    book.remove(book.active)
    for name, rows in sheets.items():
        if name == drop:
            continue
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return str(path)


def test_it_reads_the_same_fields_from_a_workbook(tmp_path):
    # as THREE_BIDS without Gamma, linear: Alfa 55 + 30 * 0.10/0.20 = 70; Beta 39.5 + 30
    out, _ = simulate(workbook(tmp_path / "tender.xlsx"), "--json")
    assert json.loads(out) == {
        "winner": "Alfa",
        "bids": [
            {"bidder": "Alfa", "admitted": True, "technical": "55.00", "economic": "15.00",
             "total": "70.00", "rank": 1},
            {"bidder": "Beta", "admitted": True, "technical": "39.50", "economic": "30.00",
             "total": "69.50", "rank": 2},
        ],
    }  # fmt: skip


def test_a_workbook_names_its_problems_like_a_json_file(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        path = workbook(tmp_path / "t.xlsx", coefficient="1.5")
        call_command("tenders", "simulate", path, "--lang", "en", stderr=err)
    assert err.getvalue().strip() == (
        "bids[0] (Alfa).coefficients.A[0]: A coefficient must be between 0 and 1."
    )
    err = StringIO()
    with pytest.raises(CommandError):
        path = workbook(tmp_path / "u.xlsx", drop="bids")
        call_command("tenders", "simulate", path, "--lang", "en", stderr=err)
    assert err.getvalue().strip() == "bids: " + (ERR_MISSING_SHEET % {"sheet": "bids"})
    err = StringIO()
    with pytest.raises(CommandError):
        path = write(tmp_path, "{}", "v.xlsx")
        call_command("tenders", "simulate", path, "--lang", "en", stderr=err)
    assert err.getvalue().strip() == f"(file): {ERR_NOT_A_WORKBOOK}"
