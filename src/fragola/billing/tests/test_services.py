"""Issuing and sending invoices, and the SdI's answers driving them, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from lxml import etree

from fragola.billing import notifications as sdi
from fragola.billing import services, vat
from fragola.billing.models import (
    CustomerKind,
    Invoice,
    InvoiceState,
    NumberingSeries,
    ReceivedFile,
    SentFile,
)
from fragola.billing.schema import validate_invoice
from fragola.billing.states import State
from fragola.billing.tests.setup import (
    CONTRACT,
    DAY,
    care_line,
    comune,
    comune_draft,
    family,
    profile,
)

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
AT = dt.datetime(2026, 6, 1, 9, 0, tzinfo=ROME)


@pytest.fixture
def alfa(world):
    profile(world.alfa)
    return world.alfa


def test_invoice_states_have_labels_for_every_state():
    assert set(InvoiceState.values) == {s.value for s in State}


def test_a_draft_to_a_comune_gets_5_percent_split_payment_and_30_days(alfa):
    invoice = comune_draft(alfa)
    line = invoice.lines.get()
    assert (line.rate, line.natura) == (D("5.00"), "")
    assert "listed recipient" in line.vat_reason
    assert invoice.split_payment
    assert invoice.due_date == dt.date(2026, 6, 30)
    assert invoice.stamp_duty == D("0.00")
    assert (invoice.state, invoice.number) == (InvoiceState.DRAFT, "")


def test_after_june_2026_the_comune_pays_the_vat_to_the_coop(alfa):
    invoice = comune_draft(alfa, day=dt.date(2026, 7, 31))
    assert not invoice.split_payment
    assert "not authorised" in invoice.split_payment_reason


def test_a_health_body_has_60_days(alfa):
    asl = comune(alfa, name="ASL Bergamo", office_code="ASL123", health_body=True)
    invoice = comune_draft(alfa, customer=asl)
    assert invoice.due_date == dt.date(2026, 7, 30)


def test_a_familys_exempt_copayment_above_77_47_carries_stamp_duty(alfa):
    line = care_line("10", "7.75", recipient=vat.Recipient.NOT_LISTED, channel=vat.Channel.DIRECT)
    invoice = services.invoice_draft(
        organisation=alfa, customer=family(alfa), date=DAY, lines=[line]
    )
    assert invoice.lines.get().natura == "N4"
    assert invoice.stamp_duty == D("2.00")  # 77.50 > 77.47
    assert not invoice.split_payment
    at_threshold = care_line("1", "77.47", recipient=vat.Recipient.NOT_LISTED)
    invoice = services.invoice_draft(
        organisation=alfa, customer=family(alfa), date=DAY, lines=[at_threshold]
    )
    assert invoice.stamp_duty == D("0.00")


def test_issuing_numbers_invoices_per_year(alfa):
    first = services.invoice_issue(invoice=comune_draft(alfa))
    second = services.invoice_issue(invoice=comune_draft(alfa))
    next_year = services.invoice_issue(invoice=comune_draft(alfa, day=dt.date(2027, 1, 4)))
    assert [first.number, second.number, next_year.number] == ["1/2026", "2/2026", "1/2027"]
    assert first.state == InvoiceState.ISSUED


def test_only_a_draft_is_issued(alfa):
    invoice = services.invoice_issue(invoice=comune_draft(alfa))
    with pytest.raises(ValidationError) as exc:
        services.invoice_issue(invoice=invoice)
    assert exc.value.message_dict == {"state": [str(services.ERR_NOT_DRAFT)]}


def test_an_invoice_that_fails_the_sdi_checks_is_not_issued(alfa):
    # 1/2026 was delivered; then the series was set back (say, by hand in the admin).
    delivered = services.invoice_issue(invoice=comune_draft(alfa))
    Invoice.objects.filter(pk=delivered.pk).update(state=InvoiceState.DELIVERED)
    NumberingSeries.objects.filter(organisation=alfa, year=2026).update(last_number=0)
    invoice = comune_draft(alfa)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.invoice_issue(invoice=invoice)
    assert "Invoice 1/2026 of 2026 has already been issued" in exc.value.message_dict["number"][0]
    invoice.refresh_from_db()
    assert (invoice.number, invoice.state) == ("", InvoiceState.DRAFT)
    assert NumberingSeries.objects.get(organisation=alfa, year=2026).last_number == 0


def test_a_public_body_needs_a_cig(alfa):
    with pytest.raises(ValidationError) as exc:
        comune_draft(alfa, references=services.References())
    assert exc.value.message_dict == {"cig": [str(services.ERR_CIG)]}


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        (CustomerKind.PUBLIC_BODY, "UFX9ABC", services.ERR_PUBLIC_OFFICE_CODE),
        (CustomerKind.COMPANY, "UFX9AB", services.ERR_PRIVATE_OFFICE_CODE),
    ],
)
def test_the_recipient_code_length_follows_the_customer(alfa, kind, code, message):
    with pytest.raises(ValidationError) as exc:
        comune(alfa, kind=kind, office_code=code)
    assert exc.value.message_dict == {"office_code": [str(message)]}


def test_a_customer_needs_a_name_and_a_fiscal_identifier(alfa):
    with pytest.raises(ValidationError) as exc:
        comune(alfa, name="")
    assert exc.value.message_dict == {"name": [str(services.ERR_CUSTOMER_NAME)]}
    with pytest.raises(ValidationError) as exc:
        comune(alfa, fiscal_code="")
    assert exc.value.message_dict == {"fiscal_code": [str(services.ERR_CUSTOMER_ID)]}


def test_a_draft_needs_the_issuer_profile_lines_and_sane_amounts(world, alfa):
    with pytest.raises(ValidationError) as exc:
        comune_draft(world.beta, customer=comune(alfa))
    assert exc.value.message_dict == {"organisation": [str(services.ERR_NO_PROFILE)]}
    for lines, message in (
        ([], services.ERR_NO_LINES),
        ([care_line("0")], services.ERR_QUANTITY % {"line": 1}),
        ([care_line("1", "-1")], services.ERR_PRICE % {"line": 1}),
    ):
        with pytest.raises(ValidationError) as exc:
            comune_draft(alfa, lines=lines)
        assert exc.value.message_dict == {"lines": [str(message)]}
    with pytest.raises(ValidationError) as exc:
        comune_draft(alfa, day=dt.date(2015, 12, 31))
    assert exc.value.message_dict == {"date": [str(services.ERR_VAT_DATE)]}
    assert Invoice.objects.count() == 0


def test_a_credit_note_must_correct_an_issued_invoice_of_the_coop(alfa):
    draft = comune_draft(alfa)
    with pytest.raises(ValidationError) as exc:
        comune_draft(alfa, corrects=draft)
    assert exc.value.message_dict == {"corrects": [str(services.ERR_CORRECTS)]}
    issued = services.invoice_issue(invoice=draft)
    note = services.invoice_issue(invoice=comune_draft(alfa, corrects=issued))
    assert note.document_type == "TD04"


def _round(alfa, *, accept: bool = True):
    invoice = services.invoice_issue(invoice=comune_draft(alfa))
    sent = services.invoice_send(invoice=invoice, at=AT)
    return invoice, sent


def test_sending_keeps_a_valid_file_with_its_hash(alfa):
    invoice, sent = _round(alfa)
    data = bytes(sent.content)
    assert validate_invoice(data) == []
    assert sent.sha256 == sdi.sha256(data)
    assert sent.name == f"IT{alfa.vat_number}_00001.xml"
    root = etree.fromstring(data)
    assert root.findtext(".//ImponibileImporto") == "2580.00"  # 120 h x 21.50
    assert root.findtext(".//Imposta") == "129.00"  # 5 %
    assert root.findtext(".//ImportoTotaleDocumento") == "2709.00"
    assert root.findtext(".//DatiContratto/CodiceCIG") == "ZAB1234567"
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.SENT


def test_the_sdi_round_trip_drives_the_invoice_and_keeps_every_file(alfa):
    invoice, sent = _round(alfa)
    simulator = sdi.Simulator()
    receipt = simulator.submit(sent.name, bytes(sent.content), at=AT)
    services.notification_import(name=receipt.name, data=receipt.data, received_at=AT)
    outcome = simulator.outcome(receipt.envelope, accepted=True)
    services.notification_import(name=outcome.name, data=outcome.data, received_at=AT)
    # the same file imported twice is kept once and changes nothing
    services.notification_import(name=outcome.name, data=outcome.data, received_at=AT)
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.ACCEPTED
    assert list(ReceivedFile.objects.values_list("kind", flat=True)) == ["RC", "NE"]


def test_a_rejected_invoice_is_resent_with_its_number_and_date_within_5_days(alfa):
    invoice, sent = _round(alfa)
    envelope = sdi.Envelope("9", sent.name, bytes(sent.content), "m9")
    errors = [sdi.SdiError("00404", "Duplicata")]
    rejection = sdi.build_ns(envelope, received_at=AT, errors=errors)
    services.notification_import(name="x_NS_001.xml", data=rejection, received_at=AT)
    invoice.refresh_from_db()
    assert (invoice.state, invoice.rejected_on) == (InvoiceState.REJECTED, dt.date(2026, 6, 1))
    late = AT + dt.timedelta(days=6)
    with pytest.raises(ValidationError) as exc:
        services.invoice_send(invoice=invoice, at=late)
    assert exc.value.message_dict == {"state": [services.ERR_RESEND_LATE % {"day": "2026-06-06"}]}
    again = services.invoice_send(invoice=invoice, at=AT + dt.timedelta(days=5))
    root = etree.fromstring(bytes(again.content))
    assert root.findtext(".//Numero") == invoice.number
    assert root.findtext(".//DatiGeneraliDocumento/Data") == "2026-05-31"
    assert again.name != sent.name
    assert SentFile.objects.filter(invoice=invoice).count() == 2


def test_an_invoice_is_sent_only_when_issued_or_rejected(alfa):
    with pytest.raises(ValidationError) as exc:
        services.invoice_send(invoice=comune_draft(alfa), at=AT)
    assert exc.value.message_dict == {"state": [str(services.ERR_NOT_SENDABLE)]}


def test_it_refuses_notifications_that_do_not_fit(alfa):
    invoice, sent = _round(alfa)
    envelope = sdi.Envelope("9", sent.name, bytes(sent.content), "m9")
    cases = [
        (b"<nope/>", services.ERR_NOTIFICATION),
        (
            sdi.build_dt(sdi.Envelope("9", "IT000_00009.xml", b"x", "m")),
            services.ERR_UNKNOWN_FILE % {"name": "IT000_00009.xml"},
        ),
        (
            sdi.build_dt(sdi.Envelope("9", sent.name, b"another file", "m")),
            services.ERR_HASH % {"name": sent.name},
        ),
        (
            sdi.build_ne(envelope, accepted=True),
            services.ERR_TRANSITION % {"state": "sent", "kind": "EC01"},
        ),
    ]
    for data, message in cases:
        with pytest.raises(ValidationError) as exc:
            services.notification_import(name="n.xml", data=data, received_at=AT)
        assert str(message).split(":")[0] in exc.value.message_dict["file"][0]
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.SENT
    assert not ReceivedFile.objects.exists()


def test_another_coops_notification_is_unknown_to_this_one(world, alfa):
    _, sent = _round(alfa)
    receipt = sdi.Simulator().submit(sent.name, bytes(sent.content), at=AT)
    with pytest.raises(ValidationError):
        services.notification_import(
            name=receipt.name, data=receipt.data, received_at=AT, organisation=world.beta
        )


def test_issuer_profile_is_one_per_coop(alfa):
    profile(alfa)
    assert alfa.billing_profile.iban == "IT60X0542811101000000123456"
    assert type(alfa.billing_profile).objects.filter(organisation=alfa).count() == 1


def test_contract_references_are_on_the_invoice(alfa):
    invoice = comune_draft(alfa)
    assert (invoice.cig, invoice.determina_number) == (CONTRACT.cig, CONTRACT.determina_number)


def test_it_speaks_italian_including_the_sdi_checks(alfa):
    with translation.override("it"):
        with pytest.raises(ValidationError) as exc:
            comune(alfa, office_code="UFX9ABC")
        assert exc.value.message_dict["office_code"] == [
            "Il codice destinatario (codice univoco ufficio) di un ente pubblico ha 6 lettere "
            "maiuscole o cifre."
        ]
        delivered = services.invoice_issue(invoice=comune_draft(alfa))
        Invoice.objects.filter(pk=delivered.pk).update(state=InvoiceState.DELIVERED)
        NumberingSeries.objects.filter(organisation=alfa).update(last_number=0)
        with pytest.raises(ValidationError) as exc:
            services.invoice_issue(invoice=comune_draft(alfa))
        assert exc.value.message_dict["number"] == [
            "La fattura non supera i controlli dello SdI: La fattura 1/2026 del 2026 è già stata "
            "emessa da questa cooperativa: lo SdI la scarta come duplicata."
        ]


def test_the_resend_window_counts_days_in_rome(alfa):
    invoice, sent = _round(alfa)
    envelope = sdi.Envelope("9", sent.name, bytes(sent.content), "m9")
    # 22:30 UTC on 1 June is 00:30 on 2 June in Rome: the 5 days run to 7 June.
    late_night = dt.datetime(2026, 6, 1, 22, 30, tzinfo=dt.UTC)
    rejection = sdi.build_ns(envelope, received_at=late_night, errors=[])
    services.notification_import(name="x_NS_001.xml", data=rejection, received_at=late_night)
    invoice.refresh_from_db()
    assert invoice.rejected_on == dt.date(2026, 6, 2)
    services.invoice_send(invoice=invoice, at=dt.datetime(2026, 6, 7, 21, 0, tzinfo=dt.UTC))
