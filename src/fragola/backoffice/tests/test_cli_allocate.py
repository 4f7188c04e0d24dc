"""``fragola backoffice allocate``: the preview of an allocation from two files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from fragola.backoffice import preview
from fragola.backoffice.management.commands.backoffice import ERR_PREVIEW_FAILED
from fragola.core.importing import messages as msg

POOLS = "pool,amount_eur,driver\nPayroll,1000.00,payslips\nLegal,100.00,Headcount\n"
DRIVERS = (
    "coop_fiscal_code,driver,value\n"
    "22222222222,payslips,1\n"
    "11111111111,payslips,1\n"
    "33333333333,payslips,1\n"
    "11111111111,headcount,2\n"
    "22222222222,headcount,1\n"
)


def _files(tmp_path: Path, pools: str, drivers: str) -> tuple[str, str]:
    (tmp_path / "pools.csv").write_text(pools, encoding="utf-8")
    (tmp_path / "drivers.csv").write_text(drivers, encoding="utf-8")
    return str(tmp_path / "pools.csv"), str(tmp_path / "drivers.csv")


def _run(tmp_path: Path, pools: str, drivers: str, *extra: str) -> tuple[str, str]:
    pools_path, drivers_path = _files(tmp_path, pools, drivers)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "backoffice", "allocate", "--pools", pools_path, "--drivers", drivers_path,
        "--lang", "en", *extra, stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


def _problems(tmp_path: Path, pools: str, drivers: str) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    pools_path, drivers_path = _files(tmp_path, pools, drivers)
    with pytest.raises(CommandError) as caught:
        call_command(
            "backoffice", "allocate", "--pools", pools_path, "--drivers", drivers_path,
            "--lang", "en", stdout=out, stderr=err,
        )  # fmt: skip
    problems = err.getvalue().splitlines()
    assert caught.value.returncode == 1
    assert str(caught.value) == str(ERR_PREVIEW_FAILED) % {"count": len(problems)}
    assert out.getvalue() == ""  # nothing half-done
    return problems


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


def test_it_prints_each_co_ops_share_of_each_pool_as_json(tmp_path: Path) -> None:
    out, _err = _run(tmp_path, POOLS, DRIVERS, "--json")
    # Payroll 1000.00 / 3: 333.33 each and the cent to the lowest fiscal code; Legal 100.00 by
    # 2:1 = 66.666… and 33.333…: 66 + 33 = 99.99, the cent to .666 (11111111111).
    assert json.loads(out) == {
        "coops": [
            {
                "coop": "11111111111",
                "shares": {"Payroll": "333.34", "Legal": "66.67"},
                "total": "400.01",
            },
            {
                "coop": "22222222222",
                "shares": {"Payroll": "333.33", "Legal": "33.33"},
                "total": "366.66",
            },
            {
                "coop": "33333333333",
                "shares": {"Payroll": "333.33", "Legal": "0.00"},
                "total": "333.33",
            },
        ]
    }


def test_each_pools_lines_add_up_to_the_pool(tmp_path: Path) -> None:
    pools = "pool,amount_eur,driver\nA,0.07,d\nB,12345.67,e\n"
    drivers = "coop_fiscal_code,driver,value\n" + "".join(
        f"{code:011d},d,{code % 5 + 1}\n{code:011d},e,{code}.5\n" for code in range(1, 12)
    )
    out, _err = _run(tmp_path, pools, drivers, "--json")
    coops = json.loads(out)["coops"]
    assert sum(Decimal(c["shares"]["A"]) for c in coops) == Decimal("0.07")
    assert sum(Decimal(c["shares"]["B"]) for c in coops) == Decimal("12345.67")
    assert all(Decimal(c["total"]) == sum(map(Decimal, c["shares"].values())) for c in coops)


def test_the_table_shows_each_co_op_its_total_and_the_pools(tmp_path: Path) -> None:
    out, _err = _run(tmp_path, POOLS, DRIVERS)
    lines = out.splitlines()
    assert lines[0].split() == ["Co-op", "Payroll", "Legal", "Total"]
    assert lines[1].split() == ["11111111111", "333.34", "66.67", "400.01"]
    assert lines[-1].split() == ["Pools", "1000.00", "100.00", "1100.00"]


def test_a_pool_whose_driver_adds_up_to_zero_is_named(tmp_path: Path) -> None:
    drivers = "coop_fiscal_code,driver,value\n11111111111,payslips,1\n11111111111,headcount,0\n"
    problems = _problems(tmp_path, POOLS, drivers)
    reason = str(preview.ERR_DRIVER_ZERO) % {"pool": "Legal", "driver": "Headcount"}
    where = {"file": "pools.csv", "row": 3, "column": "driver", "reason": reason}
    assert problems == [str(preview.ERR_LOCATION) % where]


def test_every_problem_is_named_by_file_row_and_column(tmp_path: Path) -> None:
    pools = (
        "pool,amount_eur,driver\nPayroll,-5,payslips\nPayroll,12.345,payslips\nTender,1,turnover\n"
    )
    drivers = "coop_fiscal_code,driver,value\n11111111111,payslips,-1\n,payslips,abc\n"
    problems = _problems(tmp_path, pools, drivers)
    unknown = str(preview.ERR_DRIVER_UNKNOWN) % {"pool": "Tender", "driver": "turnover"}
    repeated = str(preview.ERR_POOL_DUPLICATE) % {"pool": "Payroll", "row": 2}
    assert problems == [
        f"pools.csv, row 2, amount_eur: {msg.ERR_NEGATIVE}",
        f"pools.csv, row 3, amount_eur: {msg.ERR_CENTS}",
        f"pools.csv, row 3, pool: {repeated}",
        f"drivers.csv, row 2, value: {preview.ERR_DRIVER_NEGATIVE}",
        f"drivers.csv, row 3, coop_fiscal_code: {msg.ERR_REQUIRED}",
        f"drivers.csv, row 3, value: {preview.ERR_DRIVER_VALUE}",
        f"pools.csv, row 4, driver: {unknown}",
    ]


def test_a_repeated_driver_value_names_the_first_row(tmp_path: Path) -> None:
    drivers = DRIVERS + "11111111111,Payslips,4\n"
    problems = _problems(tmp_path, POOLS, drivers)
    params = {"coop": "11111111111", "driver": "Payslips", "row": 3}
    assert problems == [
        f"drivers.csv, row 7, coop_fiscal_code: {preview.ERR_DRIVER_VALUE_DUPLICATE % params}"
    ]


def test_a_wrong_header_is_named_in_both_files(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "pool,amount,driver\nP,1,d\n", "coop,driver,value\nX,d,1\n")
    assert f"pools.csv, row 1, amount_eur: {msg.ERR_MISSING_COLUMN}" in problems
    assert f"drivers.csv, row 1, coop_fiscal_code: {msg.ERR_MISSING_COLUMN}" in problems


def test_problems_are_told_in_italian_by_default(tmp_path: Path) -> None:
    pools_path, drivers_path = _files(tmp_path, "pool,amount_eur,driver\nP,-1,d\n", DRIVERS)
    err = io.StringIO()
    with pytest.raises(CommandError, match="nulla è stato ripartito"):
        call_command(
            "backoffice", "allocate", "--pools", pools_path, "--drivers", drivers_path,
            "--lang", "it", stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert err.getvalue().startswith("pools.csv, riga 2, amount_eur: L'importo non può")


def test_the_command_exits_1_on_bad_files_and_2_on_a_missing_one(tmp_path: Path) -> None:
    pools_path, drivers_path = _files(tmp_path, "pool,amount_eur,driver\nP,-1,d\n", DRIVERS)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    command = [sys.executable, "-m", "fragola", "backoffice", "allocate", "--pools", pools_path]
    bad = subprocess.run([*command, "--drivers", drivers_path], env=env, capture_output=True)
    missing = subprocess.run([*command, "--drivers", "nowhere.csv"], env=env, capture_output=True)
    assert (bad.returncode, bad.stdout) == (1, b"")
    assert missing.returncode == 2


def test_it_reads_semicolons_italian_amounts_and_decimal_values(tmp_path: Path) -> None:
    pools = "pool;amount_eur;driver\nContabilità;1.234,56;Ore richieste\n"
    drivers = (
        "coop_fiscal_code;driver;value\n"
        "11111111111;ore richieste;2,5\n"
        "22222222222;ORE RICHIESTE;0,5\n"
    )
    out, _err = _run(tmp_path, pools, drivers, "--json")
    # 123456 cents by 2.5:0.5 = 102880 and 20576 exactly.
    assert json.loads(out)["coops"] == [
        {"coop": "11111111111", "shares": {"Contabilità": "1028.80"}, "total": "1028.80"},
        {"coop": "22222222222", "shares": {"Contabilità": "205.76"}, "total": "205.76"},
    ]
