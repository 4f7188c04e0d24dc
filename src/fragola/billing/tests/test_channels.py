"""Channels: a folder for the intermediary, and the built-in SdI."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from fragola.billing import services
from fragola.billing.channels import FolderExport, SimulatedSdi
from fragola.billing.models import InvoiceState
from fragola.billing.tests.setup import comune_draft, profile

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Rome"))


@pytest.fixture
def sent(world):
    profile(world.alfa)
    invoice = services.invoice_issue(invoice=comune_draft(world.alfa))
    return services.invoice_send(invoice=invoice, at=AT)


def test_the_folder_export_writes_the_file_and_never_overwrites_it(sent, tmp_path):
    channel = FolderExport(tmp_path / "out")
    assert channel.transmit(sent, at=AT) == []
    assert (tmp_path / "out" / sent.name).read_bytes() == bytes(sent.content)
    with pytest.raises(FileExistsError):
        channel.transmit(sent, at=AT)


def test_the_simulated_sdi_answers_and_the_answer_moves_the_invoice(sent):
    received = SimulatedSdi().transmit(sent, at=AT)
    assert [r.kind for r in received] == ["RC"]
    sent.invoice.refresh_from_db()
    assert sent.invoice.state == InvoiceState.DELIVERED


def test_an_unreachable_recipient_leaves_the_invoice_not_delivered(sent):
    received = SimulatedSdi(deliverable=False).transmit(sent, at=AT)
    assert [r.kind for r in received] == ["MC"]
    sent.invoice.refresh_from_db()
    assert sent.invoice.state == InvoiceState.NOT_DELIVERED
