"""``fragola billing notifications import FILE...``."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from fragola.billing import notifications as sdi
from fragola.billing import services
from fragola.billing.management.commands.billing import ERR_READ, ERR_UNKNOWN_COOP
from fragola.billing.models import InvoiceState
from fragola.billing.tests.setup import comune_draft, profile

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("billing", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def sent(world):
    profile(world.alfa)
    invoice = services.invoice_issue(invoice=comune_draft(world.alfa))
    return services.invoice_send(invoice=invoice, at=timezone.now())


def test_it_imports_notification_files_and_moves_the_invoices(world, sent, tmp_path):
    sim = sdi.Simulator()
    receipt = sim.submit(sent.name, bytes(sent.content), at=timezone.now())
    refusal = sim.outcome(receipt.envelope, accepted=False, description="CIG errato")
    paths = []
    for answer in (receipt, refusal):
        path = tmp_path / answer.name
        path.write_bytes(answer.data)
        paths.append(str(path))
    code, out, err = run("notifications", "import", *paths, "--coop", world.alfa.fiscal_code)
    assert (code, err) == (0, "")
    assert f"{receipt.name}: RC -> 1/" in out
    sent.invoice.refresh_from_db()
    assert sent.invoice.state == InvoiceState.REFUSED


def test_it_reports_each_bad_file_and_imports_the_rest(sent, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_bytes(b"<nope/>")
    receipt = sdi.Simulator().submit(
        sent.name, bytes(sent.content), at=timezone.now() - dt.timedelta(minutes=1)
    )
    good = tmp_path / receipt.name
    good.write_bytes(receipt.data)
    missing = tmp_path / "missing.xml"
    code, out, err = run("notifications", "import", str(bad), str(good), str(missing))
    assert code == 1
    assert "broken.xml: " in err
    assert ERR_READ % {"file": missing, "reason": "No such file or directory"} in err
    assert "RC" in out


def test_it_refuses_an_unknown_coop(sent, tmp_path):
    code, _, err = run("notifications", "import", str(tmp_path / "x.xml"), "--coop", "00000000000")
    assert code == 2
    assert ERR_UNKNOWN_COOP % {"code": "00000000000"} in err
