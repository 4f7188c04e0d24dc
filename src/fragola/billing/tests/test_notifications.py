"""The SdI round trip: the simulator answers in the official formats, the reader reads them back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fragola.billing import fatturapa as f
from fragola.billing import notifications as n
from fragola.billing.sdi_checks import issued_key
from fragola.billing.states import (
    ERR_TRANSITION,
    Event,
    InvalidTransition,
    State,
    allowed_events,
    can_resend,
    counts_for_tax,
    next_state,
    resend_deadline,
)
from fragola.billing.tests.invoices import comune_invoice

ROME = ZoneInfo("Europe/Rome")
RECEIVED = datetime(2026, 6, 1, 10, 0, tzinfo=ROME)
DELIVERED = RECEIVED + timedelta(minutes=5)


def envelope(invoice: f.Invoice, sdi_id: str = "4001") -> n.Envelope:
    return n.Envelope(sdi_id, f.file_name(invoice), f.to_xml(invoice), f"M{sdi_id}")


def test_a_valid_invoice_is_delivered_with_a_receipt():
    env = envelope(comune_invoice())
    kind, data = n.simulate_submission(env, received_at=RECEIVED, delivered_at=DELIVERED)
    assert kind is n.Kind.RC
    read = n.parse_notification(data)
    assert (read.kind, read.sdi_id, read.invoice_file) == (n.Kind.RC, "4001", env.invoice_file)
    assert read.file_hash == n.sha256(env.invoice)
    assert read.received_at == RECEIVED
    assert read.delivered_at == DELIVERED
    assert read.event is Event.RC


def test_an_invoice_the_sdi_discards_comes_back_with_its_errors():
    env = envelope(comune_invoice(number="MAGGIO"))
    kind, data = n.simulate_submission(env, received_at=RECEIVED, delivered_at=DELIVERED)
    assert kind is n.Kind.NS
    read = n.parse_notification(data)
    assert read.errors == (
        n.SdiError("00425", "The invoice number MAGGIO must contain at least one digit."),
    )
    assert read.event is Event.NS


def test_a_schema_error_is_discarded_as_00200():
    invoice = comune_invoice()
    env = n.Envelope(
        "4002", f.file_name(invoice), f.to_xml(invoice).replace(b"<Divisa>EUR</Divisa>", b""), "M2"
    )
    kind, data = n.simulate_submission(env, received_at=RECEIVED, delivered_at=DELIVERED)
    assert kind is n.Kind.NS
    assert [e.code for e in n.parse_notification(data).errors] == ["00200"]


def test_a_duplicate_is_discarded_as_00404():
    issued = {issued_key("01234567890", "2026/15", 2026)}
    kind, _ = n.simulate_submission(
        envelope(comune_invoice()), received_at=RECEIVED, delivered_at=DELIVERED, issued=issued
    )
    assert kind is n.Kind.NS


def test_an_undeliverable_invoice_gets_mc_then_at():
    env = envelope(comune_invoice())
    kind, data = n.simulate_submission(
        env, received_at=RECEIVED, delivered_at=DELIVERED, deliverable=False
    )
    assert kind is n.Kind.MC
    assert n.parse_notification(data).description == n.MC_DESCRIPTION
    attested = n.parse_notification(n.build_at(env, received_at=RECEIVED, recipient="UFX9AB"))
    assert (attested.kind, attested.event) == (n.Kind.AT, Event.AT)


@pytest.mark.parametrize(("accepted", "outcome"), [(True, "EC01"), (False, "EC02")])
def test_the_public_bodys_outcome_is_read_from_ne(accepted, outcome):
    env = envelope(comune_invoice())
    read = n.parse_notification(n.build_ne(env, accepted=accepted, description="CIG errato"))
    assert (read.kind, read.outcome, read.event) == (n.Kind.NE, outcome, Event(outcome))
    assert read.description == "CIG errato"


def test_a_deadline_passed_notification_is_read_as_dt():
    read = n.parse_notification(n.build_dt(envelope(comune_invoice()), description="15 giorni"))
    assert (read.kind, read.event, read.description) == (n.Kind.DT, Event.DT, "15 giorni")


def test_notification_files_are_named_after_the_invoice_file():
    assert n.notification_file_name("IT01234567890_00001.xml", n.Kind.RC) == (
        "IT01234567890_00001_RC_001.xml"
    )
    assert n.notification_file_name("IT01234567890_0000A.xml.p7m", n.Kind.NS, 2) == (
        "IT01234567890_0000A_NS_002.xml"
    )


def test_it_reads_a_notification_written_by_the_sdi():
    # As the SdI writes it: a prefixed namespace, the version attribute, extra elements.
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<ns2:NotificaScarto xmlns:ns2="http://www.fatturapa.gov.it/sdi/messaggi/v1.0" versione="1.0">
  <IdentificativoSdI>111</IdentificativoSdI>
  <NomeFile>IT01234567890_00001.xml</NomeFile>
  <Hash>abc</Hash>
  <DataOraRicezione>2026-06-01T10:00:00.000+02:00</DataOraRicezione>
  <RiferimentoArchivio><IdentificativoSdI>1</IdentificativoSdI><NomeFile>a.zip</NomeFile></RiferimentoArchivio>
  <ListaErrori>
    <Errore><Codice>00404</Codice><Descrizione>Fattura duplicata</Descrizione></Errore>
    <Errore><Codice>00423</Codice><Descrizione>Prezzo totale errato</Descrizione></Errore>
  </ListaErrori>
  <MessageId>123</MessageId>
</ns2:NotificaScarto>"""
    read = n.parse_notification(data)
    assert [e.code for e in read.errors] == ["00404", "00423"]
    assert read.received_at == RECEIVED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not xml", n.ERR_NOT_XML.format(detail="Start tag expected, '<' not found")),
        (b"<FatturaElettronica/>", n.ERR_NOT_NOTIFICATION.format(root="FatturaElettronica")),
        (
            b'<t:RicevutaConsegna xmlns:t="http://www.fatturapa.gov.it/sdi/messaggi/v1.0">'
            b"<NomeFile>x.xml</NomeFile></t:RicevutaConsegna>",
            n.ERR_MISSING.format(kind="RC", field="IdentificativoSdI"),
        ),
        (
            b'<t:NotificaEsito xmlns:t="http://www.fatturapa.gov.it/sdi/messaggi/v1.0">'
            b"<IdentificativoSdI>1</IdentificativoSdI><NomeFile>x.xml</NomeFile>"
            b"<EsitoCommittente><Esito>EC03</Esito></EsitoCommittente></t:NotificaEsito>",
            n.ERR_OUTCOME.format(outcome="EC03"),
        ),
    ],
)
def test_it_refuses_a_file_that_is_not_a_notification(data, message):
    with pytest.raises(n.NotificationError) as exc:
        n.parse_notification(data)
    assert str(exc.value).startswith(message.split(",")[0])


# --- States -------------------------------------------------------------------------------


def walk(*events: Event) -> State:
    state = State.DRAFT
    for event in events:
        state = next_state(state, event)
    return state


def test_the_round_trip_drives_the_invoice_to_accepted():
    env = envelope(comune_invoice())
    _, receipt = n.simulate_submission(env, received_at=RECEIVED, delivered_at=DELIVERED)
    outcome = n.build_ne(env, accepted=True)
    events = [n.parse_notification(x).event for x in (receipt, outcome)]
    assert walk(Event.ISSUE, Event.SEND, *events) is State.ACCEPTED


def test_a_discarded_invoice_is_sent_again_and_delivered():
    state = walk(Event.ISSUE, Event.SEND, Event.NS)
    assert state is State.REJECTED
    assert not counts_for_tax(state)
    assert walk(Event.ISSUE, Event.SEND, Event.NS, Event.SEND, Event.RC) is State.DELIVERED


def test_a_refusal_and_a_deadline_end_the_invoices_life():
    assert walk(Event.ISSUE, Event.SEND, Event.RC, Event.EC02) is State.REFUSED
    assert walk(Event.ISSUE, Event.SEND, Event.MC, Event.AT, Event.DT) is State.DEADLINE_PASSED
    assert counts_for_tax(State.NOT_DELIVERED)
    assert allowed_events(State.REFUSED) == frozenset()


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (State.DRAFT, Event.SEND),
        (State.SENT, Event.EC01),
        (State.ACCEPTED, Event.EC02),
        (State.DELIVERED, Event.NS),
        (State.REJECTED, Event.RC),
    ],
)
def test_it_refuses_a_transition_the_sdi_would_never_make(state, event):
    with pytest.raises(InvalidTransition) as exc:
        next_state(state, event)
    assert str(exc.value) == ERR_TRANSITION.format(state=state.value, event=event.value)


def test_a_discarded_invoice_may_be_resent_for_five_days():
    rejected = date(2026, 12, 29)
    assert resend_deadline(rejected) == date(2027, 1, 3)
    assert can_resend(rejected, date(2027, 1, 3))
    assert not can_resend(rejected, date(2027, 1, 4))


def test_the_simulator_discards_then_accepts_the_fixed_invoice_with_the_same_number():
    sdi = n.Simulator()
    wrong = comune_invoice(
        customer=f.Customer(**{**comune_invoice().customer.__dict__, "office_code": "UFX9ABC"})
    )
    first = sdi.submit(f.file_name(wrong), f.to_xml(wrong), at=RECEIVED)
    assert (first.kind, first.name) == (n.Kind.NS, "IT01234567890_00001_NS_001.xml")
    fixed = comune_invoice(progressive=2)
    second = sdi.submit(f.file_name(fixed), f.to_xml(fixed), at=RECEIVED + timedelta(days=2))
    assert second.kind is n.Kind.RC
    assert n.parse_notification(second.data).sdi_id == "2"
    refused = sdi.outcome(second.envelope, accepted=False, description="Determina errata")
    assert refused.name == "IT01234567890_00002_NE_002.xml"
    assert n.parse_notification(refused.data).event is Event.EC02
    # once delivered, the same number in the same year is a duplicate
    again = comune_invoice(progressive=3)
    assert sdi.submit(f.file_name(again), f.to_xml(again), at=RECEIVED).kind is n.Kind.NS
