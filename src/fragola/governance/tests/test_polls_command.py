"""``fragola polls tally``: paper ballots typed into a CSV file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from fragola.governance import ballots

CLASSIC = "Anna,Bruno,Carla\n" + "1,2,3\n" * 7 + "3,2,1\n" * 6 + "3,1,2\n" * 5


def tally(tmp_path: Path, text: str, method: str, *extra: str) -> str:
    path = tmp_path / "ballots.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("polls", "tally", str(path), "--method", method, *extra, stdout=out)
    return out.getvalue()


def tally_json(tmp_path: Path, text: str, method: str) -> dict:
    return json.loads(tally(tmp_path, text, method, "--json"))


def refusal(tmp_path: Path, text: str, method: str, lang: str = "en") -> list[str]:
    with pytest.raises(CommandError) as error:
        tally(tmp_path, text, method, "--lang", lang)
    assert error.value.returncode == 1
    return str(error.value).splitlines()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_one_file_three_methods_three_winners(tmp_path: Path) -> None:
    winners = {m: tally_json(tmp_path, CLASSIC, m)["winner"] for m in ("plurality", "borda", "irv")}
    assert winners == {"plurality": "Anna", "borda": "Bruno", "irv": "Carla"}


def test_the_json_names_method_totals_and_each_irv_round(tmp_path: Path) -> None:
    result = tally_json(tmp_path, CLASSIC, "irv")
    assert result["method"] == "irv"
    assert result["totals"] == {"Anna": 7, "Carla": 11}
    rounds = [(r["counts"], r["eliminated"]) for r in result["rounds"]]
    assert rounds == [
        ({"Anna": 7, "Bruno": 5, "Carla": 6}, ["Bruno"]),
        ({"Anna": 7, "Carla": 11}, []),
    ]
    assert tally_json(tmp_path, CLASSIC, "borda")["totals"] == {
        "Anna": 14,
        "Bruno": 23,
        "Carla": 17,
    }


def test_a_tie_is_reported_as_a_tie(tmp_path: Path) -> None:
    result = tally_json(tmp_path, "Sì;No\n1;\n;1\n", "plurality")
    assert (result["winner"], result["tie"]) == (None, ["Sì", "No"])
    assert "Tie: Sì, No" in tally(tmp_path, "Sì;No\n1;\n;1\n", "plurality", "--lang", "en")


def test_plurality_reports_a_ballot_with_two_marks_as_spoiled(tmp_path: Path) -> None:
    text = "Mare,Monti\n1,\n1,1\n,1\n1,\n"
    result = tally_json(tmp_path, text, "plurality")
    assert (result["winner"], result["totals"]) == ("Mare", {"Mare": 2, "Monti": 1})
    assert [(s["row"], s["reason"]) for s in result["spoiled"]] == [(3, "overvote")]
    assert "Spoiled ballot, row 3" in tally(tmp_path, text, "plurality", "--lang", "en")


def test_approval_and_score(tmp_path: Path) -> None:
    assert tally_json(tmp_path, "A,B,C\n1,1,\n,1,1\n1,,\n", "approval")["totals"] == {
        "A": 2, "B": 2, "C": 1,
    }  # fmt: skip
    result = tally_json(tmp_path, 'A,B\n4,"2,5"\n1,5\n', "score")
    assert (result["winner"], result["totals"]) == ("B", {"A": 5, "B": 7.5})


def test_a_bad_file_names_every_problem_by_row_and_column(tmp_path: Path, english) -> None:
    lines = refusal(tmp_path, "Anna,Bruno,Carla\n1,x,\n1,2,4\n,,,1\n", "irv")
    assert lines == [
        f"row 2, column B (Bruno): {ballots.ERR_RANK % {'n': 3, 'value': 'x'}}",
        f"row 3, column C (Carla): {ballots.ERR_RANK % {'n': 3, 'value': '4'}}",
        f"row 4: {ballots.ERR_EXTRA_CELLS}",
    ]
    assert refusal(tmp_path, "A,B\n1,2\n", "approval") == [
        f"row 2, column B (B): {ballots.ERR_MARK % {'value': '2'}}"
    ]
    assert refusal(tmp_path, "A,B\nmolto,\n", "score") == [
        f"row 2, column A (A): {ballots.ERR_SCORE % {'value': 'molto'}}"
    ]


def test_a_bad_header_or_no_ballots_is_refused(tmp_path: Path, english) -> None:
    assert refusal(tmp_path, "", "irv") == [f"row 1: {ballots.ERR_BALLOTS_EMPTY}"]
    assert refusal(tmp_path, "A,,A\n1,,\n", "irv") == [
        f"row 1, column B: {ballots.ERR_OPTION_UNNAMED}",
        f"row 1, column C (A): {ballots.ERR_OPTION_TWICE % {'name': 'A'}}",
    ]
    assert refusal(tmp_path, "A,B\n", "irv") == [f"row 2: {ballots.ERR_BALLOTS_NONE}"]


def test_problems_come_in_the_users_language(tmp_path: Path) -> None:
    lines = refusal(tmp_path, "A,B\nx,\n", "plurality", lang="it")
    assert lines == ["riga 2, colonna A (A): scrivi 1 o lascia vuota la cella (trovato «x»)."]
    output = tally(tmp_path, CLASSIC, "irv", "--lang", "it")
    assert "Vince: Carla" in output
    assert "Turno 1: Anna 7, Bruno 5, Carla 6; eliminati: Bruno" in output


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command("polls", "tally", str(tmp_path / "none.csv"), "--method", "irv")
    assert error.value.returncode == 2
