"""``fragola billing run --coop FISCAL_CODE --month YYYY-MM [--issue] --output DIR``."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext

from fragola.billing import runs
from fragola.billing.management.commands import billing as command
from fragola.billing.management.commands.billing import (
    ERR_RUN_CLASH,
    ERR_RUN_COOP,
    ERR_RUN_FUTURE,
    ERR_RUN_MONTH,
    ERR_RUN_OUTPUT,
)
from fragola.billing.models import Customer, Invoice, InvoiceState, SentFile
from fragola.billing.sdi_checks import check_file
from fragola.billing.services import ERR_NO_PROFILE
from fragola.billing.tests.setup import billable, comune, profile, visit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(command, "_today", lambda: TODAY)


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("billing", "run", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def alfa(world):
    profile(world.alfa)
    b = billable(world.alfa)
    for day in (4, 5, 6):
        visit(b, dt.date(2026, 5, day))
    return world.alfa


def test_it_bills_issues_and_writes_the_month_with_the_official_names(alfa, tmp_path):
    code, out, err = run("--coop", alfa.fiscal_code, "--month", "2026-05", "--issue",
                         "--output", str(tmp_path))  # fmt: skip
    assert (code, err) == (0, "")
    [xml] = tmp_path.glob("*.xml")
    assert xml.name == f"IT{alfa.fiscal_code}_00001.xml"
    assert check_file(xml.read_bytes()) == []
    assert xml.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    invoice = Invoice.objects.get(organisation=alfa)
    assert invoice.state == InvoiceState.SENT and invoice.number == "1/2026"
    # 3 hours at 23.40 = 70.20, VAT 5 % = 3.51, total 73.71
    assert "taxable 70.20, VAT 3.51, total 73.71" in out


def test_running_twice_bills_nothing_twice_and_writes_the_same_file(alfa, tmp_path):
    args = ("--coop", alfa.fiscal_code, "--month", "2026-05", "--issue")
    assert run(*args, "--output", str(tmp_path / "one"))[0] == 0
    code, out, _err = run(*args, "--output", str(tmp_path / "two"))
    assert code == 0 and "0 invoice(s) drafted" in out
    assert Invoice.objects.filter(organisation=alfa).count() == 1
    one, two = (sorted(p.name for p in (tmp_path / d).glob("*.xml")) for d in ("one", "two"))
    assert one == two == [f"IT{alfa.fiscal_code}_00001.xml"]
    assert run(*args, "--output", str(tmp_path / "one"))[0] == 0  # same files: left alone


def test_without_issue_it_leaves_a_draft_to_review(alfa, tmp_path):
    code, _out, _err = run("--coop", alfa.fiscal_code, "--month", "2026-05",
                           "--output", str(tmp_path))  # fmt: skip
    invoice = Invoice.objects.get(organisation=alfa)
    assert code == 0 and invoice.state == InvoiceState.DRAFT
    assert [p.name for p in tmp_path.glob("*.xml")] == [f"BOZZA-{invoice.pk}.xml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--coop", "00000000000", "--month", "2026-05"), ERR_RUN_COOP),
        (("--month", "2026-13"), ERR_RUN_MONTH),
        (("--month", "May 2026"), ERR_RUN_MONTH),
        (("--month", "2026-07"), ERR_RUN_FUTURE),
    ],
)
def test_bad_arguments_exit_1_naming_the_argument(alfa, tmp_path, args, message):
    full = dict(zip(args[::2], args[1::2], strict=True))
    full.setdefault("--coop", alfa.fiscal_code)
    code, _out, err = run(*[x for kv in full.items() for x in kv], "--output", str(tmp_path))
    assert code == 1
    assert err.startswith(message.split(":")[0])  # the argument, named
    assert gettext(message).split("%")[0] in err
    assert not Invoice.objects.exists()


def test_an_output_that_is_a_file_or_holds_another_file_exits_1(alfa, tmp_path):
    taken = tmp_path / "file"
    taken.write_text("x")
    code, _out, err = run("--coop", alfa.fiscal_code, "--month", "2026-05",
                          "--output", str(taken))  # fmt: skip
    assert code == 1 and gettext(ERR_RUN_OUTPUT).split("%")[0] in err
    (tmp_path / f"IT{alfa.fiscal_code}_00001.xml").write_text("another file")
    code, _out, err = run("--coop", alfa.fiscal_code, "--month", "2026-05", "--issue",
                          "--output", str(tmp_path))  # fmt: skip
    assert code == 1 and gettext(ERR_RUN_CLASH).split("%")[0] in err
    assert not Invoice.objects.exists() and not SentFile.objects.exists()  # all undone


def test_a_coop_without_billing_data_exits_1_with_the_reason(world, tmp_path):
    code, _out, err = run("--coop", world.beta.fiscal_code, "--month", "2026-05",
                          "--output", str(tmp_path))  # fmt: skip
    assert code == 0  # nothing to bill: no contract
    b = billable(world.beta)
    visit(b, dt.date(2026, 5, 4))
    code, _out, err = run("--coop", world.beta.fiscal_code, "--month", "2026-05",
                          "--output", str(tmp_path))  # fmt: skip
    assert code == 1 and str(ERR_NO_PROFILE) in err


def test_the_service_names_a_missing_customer_and_a_long_reference(world):
    profile(world.beta)
    b = billable(world.beta)
    visit(b, dt.date(2026, 5, 4))
    Customer.objects.filter(organisation=world.beta).delete()
    with pytest.raises(ValidationError) as exc:
        runs.billing_run(organisation=world.beta, month=dt.date(2026, 5, 1), today=TODAY)
    assert str(runs.ERR_NO_CUSTOMER).split("%")[0] in str(exc.value)
    comune(world.beta)
    contract = b.share.lot.contract
    contract.number = "REP " + "9" * 30
    contract.save()
    with pytest.raises(ValidationError) as exc:
        runs.billing_run(organisation=world.beta, month=dt.date(2026, 5, 1), today=TODAY)
    assert str(runs.ERR_REFERENCE_LONG).split("%")[0] in str(exc.value)


def test_a_month_not_started_is_refused_by_the_service(world):
    with pytest.raises(ValidationError) as exc:
        runs.billing_run(organisation=world.beta, month=dt.date(2026, 7, 1), today=TODAY)
    assert exc.value.message_dict["month"] == [runs.ERR_MONTH_FUTURE % {"month": "2026-07"}]
