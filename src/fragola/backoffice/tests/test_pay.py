"""``fragola import pay``: each worker's gross pay and labour cost back from the payroll
provider, all or nothing, every problem named by row and column."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from fragola.backoffice.models import PayRecord
from fragola.backoffice.services import pay
from fragola.core.importing import messages as msg

pytestmark = pytest.mark.django_db

HEADER = "fiscal_code,year,month,gross_pay_eur,labour_cost_eur,contract_percent\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _import(world, text: str, *, dry_run: bool = False):
    return pay.import_pay(
        organisation=world.alfa, content=text.encode(), filename="pay.csv", dry_run=dry_run
    )


def test_it_records_months_and_a_yearly_total_and_updates_them(world):
    code = world.alfa_member.person.fiscal_code
    text = HEADER + f"{code},2025,1,1800.00,2450.50,100\n{code},2025,,21600,29406,100\n"
    result = _import(world, text)
    assert (result.created, result.errors) == (2, [])
    yearly = PayRecord.objects.get(month__isnull=True)
    assert (yearly.gross_pay, yearly.labour_cost) == (Decimal("21600.00"), Decimal("29406.00"))
    again = _import(world, text.replace("1800.00", "1850.00"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert PayRecord.objects.get(month=1).gross_pay == Decimal("1850.00")


def test_every_problem_is_named_and_nothing_is_saved(world):
    code = world.alfa_member.person.fiscal_code
    outsider = world.gamma_member.person.fiscal_code
    text = HEADER + (
        f"{code},2025,1,1800,2450,100\n"
        f"{code},2025,13,-5,2450,0\n"
        f"{outsider},2025,1,1800,2450,100\n"
        f"{code},2025,01,1800,2450,100\n"
    )
    result = _import(world, text)
    errors = [(e.row, e.field, e.reason) for e in result.sorted_errors()]
    assert errors == [
        (3, "month", str(pay.ERR_PAY_MONTH)),
        (3, "gross_pay_eur", str(msg.ERR_NEGATIVE)),
        (3, "contract_percent", str(pay.ERR_PAY_PERCENT)),
        (4, "fiscal_code", str(pay.ERR_PAY_NO_PERSON)),
        (5, "fiscal_code", str(pay.ERR_PAY_REPEATED) % {"row": 2}),
    ]
    assert not PayRecord.objects.exists()


def test_a_dry_run_reports_and_writes_nothing(world):
    code = world.alfa_member.person.fiscal_code
    result = _import(world, HEADER + f"{code},2025,2,1800,2450,62.5\n", dry_run=True)
    assert result.created == 1
    assert not PayRecord.objects.exists()


def test_a_year_is_required(world):
    code = world.alfa_member.person.fiscal_code
    result = _import(world, HEADER + f"{code},,2,1800,2450,100\n")
    assert [(e.field, e.reason) for e in result.errors] == [("year", str(pay.ERR_PAY_YEAR))]


def test_the_command_imports_for_one_co_op(world, tmp_path: Path):
    code = world.alfa_member.person.fiscal_code
    file = tmp_path / "pay.csv"
    file.write_text(HEADER + f"{code},2025,3,1800,2450,100\n")
    out = io.StringIO()
    call_command("import", "pay", "--coop", world.alfa.fiscal_code, str(file), stdout=out)
    assert "1 created" in out.getvalue()
    file.write_text(HEADER + f"{code},2025,3,1800,2450,101\n")
    with pytest.raises(CommandError):
        call_command(
            "import", "pay", "--coop", world.alfa.fiscal_code, str(file), stderr=io.StringIO()
        )
    assert PayRecord.objects.get().contract_percent == Decimal("100.00")
