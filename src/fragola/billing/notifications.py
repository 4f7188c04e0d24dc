"""The SdI's notification files: reading them, and a simulator that writes them.

Namespace ``http://www.fatturapa.gov.it/sdi/messaggi/v1.0`` (MessaggiTypes 1.x): RC ricevuta
di consegna, NS notifica di scarto, MC mancata consegna, NE notifica di esito (EC01 accepted,
EC02 refused by the public body), DT decorrenza termini, AT attestazione di avvenuta
trasmissione. Pure apart from lxml; the simulator is deterministic (the caller gives it the
times and the SdI identifier), so tests and the demo work on any date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from lxml import etree

from .schema import parse_xml
from .sdi_checks import IssuedKey, check_file, issued_key
from .states import Event

NAMESPACE = "http://www.fatturapa.gov.it/sdi/messaggi/v1.0"
VERSION = "1.0"


class Kind(StrEnum):
    RC = "RC"
    NS = "NS"
    MC = "MC"
    NE = "NE"
    DT = "DT"
    AT = "AT"


ROOTS = {
    "RicevutaConsegna": Kind.RC,
    "NotificaScarto": Kind.NS,
    "NotificaMancataConsegna": Kind.MC,
    "NotificaEsito": Kind.NE,
    "NotificaDecorrenzaTermini": Kind.DT,
    "AttestazioneTrasmissioneFattura": Kind.AT,
}
ROOT_OF = {kind: root for root, kind in ROOTS.items()}

ERR_NOT_XML = "The file is not XML: {detail}"
ERR_NOT_NOTIFICATION = "The file is not an SdI notification (root element {root})."
ERR_MISSING = "The {kind} notification has no {field}."
ERR_OUTCOME = "The NE notification's outcome {outcome} is neither EC01 nor EC02."


class NotificationError(ValueError):
    """A file that is not a readable SdI notification."""


@dataclass(frozen=True)
class SdiError:
    code: str
    description: str


@dataclass(frozen=True)
class Notification:
    kind: Kind
    sdi_id: str  # IdentificativoSdI: the SdI's number of the invoice file
    invoice_file: str  # NomeFile: the invoice file it is about
    file_hash: str  # Hash: SHA-256 of the invoice file (absent from some DT)
    message_id: str
    received_at: datetime | None = None  # DataOraRicezione
    delivered_at: datetime | None = None  # DataOraConsegna (RC)
    errors: tuple[SdiError, ...] = ()  # NS
    outcome: str = ""  # NE: EC01 or EC02
    description: str = ""  # MC, DT or the body's reason on NE

    @property
    def event(self) -> Event:
        """The state machine's event this notification is."""
        if self.kind is Kind.NE:
            return Event(self.outcome)
        return Event(self.kind.value)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Reading ----------------------------------------------------------------------------------


def parse_notification(data: bytes) -> Notification:
    """A notification file as typed data; NotificationError with a readable message if not one."""
    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise NotificationError(ERR_NOT_XML.format(detail=exc.msg)) from None
    qname = etree.QName(root)
    kind = ROOTS.get(qname.localname) if qname.namespace == NAMESPACE else None
    if kind is None:
        raise NotificationError(ERR_NOT_NOTIFICATION.format(root=qname.localname))

    def text(path: str) -> str:
        return (root.findtext(path) or "").strip()

    def required(path: str) -> str:
        value = text(path)
        if not value:
            raise NotificationError(ERR_MISSING.format(kind=kind.value, field=path))
        return value

    outcome = ""
    description = text("Descrizione")
    if kind is Kind.NE:
        outcome = required("EsitoCommittente/Esito")
        if outcome not in {"EC01", "EC02"}:
            raise NotificationError(ERR_OUTCOME.format(outcome=outcome))
        description = text("EsitoCommittente/Descrizione")
    return Notification(
        kind=kind,
        sdi_id=required("IdentificativoSdI"),
        invoice_file=required("NomeFile"),
        file_hash=text("Hash"),
        message_id=text("MessageId"),
        received_at=_when(text("DataOraRicezione")),
        delivered_at=_when(text("DataOraConsegna")),
        errors=tuple(
            SdiError(e.findtext("Codice") or "", e.findtext("Descrizione") or "")
            for e in root.findall("ListaErrori/Errore")
        ),
        outcome=outcome,
        description=description,
    )


def _when(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --- Writing (the simulator) ------------------------------------------------------------------


def notification_file_name(invoice_file: str, kind: Kind, number: int = 1) -> str:
    """``IT01234567890_00001_RC_001.xml``: the invoice's name, the kind and a progressive."""
    stem = invoice_file.removesuffix(".p7m").removesuffix(".xml")
    return f"{stem}_{kind.value}_{number:03d}.xml"


@dataclass(frozen=True)
class Envelope:
    """What every notification of one invoice file shares."""

    sdi_id: str
    invoice_file: str
    invoice: bytes
    message_id: str


def _root(kind: Kind, env: Envelope) -> etree._Element:
    root = etree.Element(f"{{{NAMESPACE}}}{ROOT_OF[kind]}", nsmap={"types": NAMESPACE})
    root.set("versione", VERSION)
    _add(root, "IdentificativoSdI", env.sdi_id)
    _add(root, "NomeFile", env.invoice_file)
    return root


def _add(parent: etree._Element, tag: str, text: str) -> etree._Element:
    child = etree.SubElement(parent, tag)
    child.text = text
    return child


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build_rc(
    env: Envelope, *, received_at: datetime, delivered_at: datetime, recipient: str
) -> bytes:
    root = _root(Kind.RC, env)
    _add(root, "Hash", sha256(env.invoice))
    _add(root, "DataOraRicezione", _stamp(received_at))
    _add(root, "DataOraConsegna", _stamp(delivered_at))
    _add(_add_node(root, "Destinatario"), "Codice", recipient)
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def build_ns(env: Envelope, *, received_at: datetime, errors: Collection[SdiError]) -> bytes:
    root = _root(Kind.NS, env)
    _add(root, "Hash", sha256(env.invoice))
    _add(root, "DataOraRicezione", _stamp(received_at))
    listed = _add_node(root, "ListaErrori")
    for error in errors:
        node = _add_node(listed, "Errore")
        _add(node, "Codice", error.code)
        _add(node, "Descrizione", error.description[:255])
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def build_mc(env: Envelope, *, received_at: datetime, description: str) -> bytes:
    root = _root(Kind.MC, env)
    _add(root, "Hash", sha256(env.invoice))
    _add(root, "DataOraRicezione", _stamp(received_at))
    _add(root, "Descrizione", description)
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def build_ne(env: Envelope, *, accepted: bool, description: str = "") -> bytes:
    root = _root(Kind.NE, env)
    _add(root, "Hash", sha256(env.invoice))
    outcome = _add_node(root, "EsitoCommittente")
    _add(outcome, "IdentificativoSdI", env.sdi_id)
    _add(outcome, "Esito", "EC01" if accepted else "EC02")
    if description:
        _add(outcome, "Descrizione", description[:255])
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def build_dt(env: Envelope, *, description: str = "") -> bytes:
    root = _root(Kind.DT, env)
    _add(root, "Hash", sha256(env.invoice))
    if description:
        _add(root, "Descrizione", description)
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def build_at(env: Envelope, *, received_at: datetime, recipient: str) -> bytes:
    root = _root(Kind.AT, env)
    _add(root, "Hash", sha256(env.invoice))
    _add(root, "DataOraRicezione", _stamp(received_at))
    _add(_add_node(root, "Destinatario"), "Codice", recipient)
    _add(root, "MessageId", env.message_id)
    return _bytes(root)


def _add_node(parent: etree._Element, tag: str) -> etree._Element:
    return etree.SubElement(parent, tag)


SCHEMA_ERROR_CODE = "00200"  # "file non conforme al formato"
MC_DESCRIPTION = "Recipient's channel unavailable: the invoice is in the recipient's tax area."


def simulate_submission(
    env: Envelope,
    *,
    received_at: datetime,
    delivered_at: datetime,
    issued: Collection[IssuedKey] = (),
    deliverable: bool = True,
) -> tuple[Kind, bytes]:
    """What the SdI answers to an invoice file: NS if a check fails, else RC (or MC)."""
    findings = check_file(env.invoice, issued=issued)
    if findings:
        errors = [
            SdiError(SCHEMA_ERROR_CODE if f.code == "schema" else f.code, f.text())
            for f in findings
        ]
        return Kind.NS, build_ns(env, received_at=received_at, errors=errors)
    recipient = (
        parse_xml(env.invoice).findtext(
            "FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario"
        )
        or ""
    )
    if not deliverable:
        return Kind.MC, build_mc(env, received_at=received_at, description=MC_DESCRIPTION)
    return Kind.RC, build_rc(
        env, received_at=received_at, delivered_at=delivered_at, recipient=recipient
    )


@dataclass(frozen=True)
class Answer:
    kind: Kind
    name: str  # the notification's file name
    data: bytes
    envelope: Envelope


@dataclass
class Simulator:
    """A built-in SdI for the demo and the tests: numbers files, remembers what it delivered.

    Deterministic: the caller passes the times. A file it delivered (RC or MC) is issued, so
    the same issuer, number and year again is discarded as a duplicate (00404), while a file it
    discarded (NS) can come back with the same number and date.
    """

    next_id: int = 1
    issued: set[IssuedKey] = field(default_factory=set)
    answered: dict[str, int] = field(default_factory=dict)  # notifications per invoice file

    def submit(self, name: str, data: bytes, *, at: datetime, deliverable: bool = True) -> Answer:
        env = Envelope(str(self.next_id), name, data, f"{self.next_id}-1")
        self.next_id += 1
        kind, answer = simulate_submission(
            env,
            received_at=at,
            delivered_at=at + DELIVERY_DELAY,
            issued=self.issued,
            deliverable=deliverable,
        )
        if kind is not Kind.NS:
            self.issued.add(_key_of(data))
        return self._answer(kind, answer, env)

    def outcome(self, env: Envelope, *, accepted: bool, description: str = "") -> Answer:
        return self._answer(Kind.NE, build_ne(env, accepted=accepted, description=description), env)

    def deadline(self, env: Envelope) -> Answer:
        return self._answer(Kind.DT, build_dt(env), env)

    def attest(self, env: Envelope, *, at: datetime) -> Answer:
        recipient = _recipient(env.invoice)
        return self._answer(Kind.AT, build_at(env, received_at=at, recipient=recipient), env)

    def _answer(self, kind: Kind, data: bytes, env: Envelope) -> Answer:
        count = self.answered.get(env.invoice_file, 0) + 1
        self.answered[env.invoice_file] = count
        return Answer(kind, notification_file_name(env.invoice_file, kind, count), data, env)


DELIVERY_DELAY = timedelta(minutes=5)


def _recipient(invoice: bytes) -> str:
    path = "FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario"
    return parse_xml(invoice).findtext(path) or ""


def _key_of(invoice: bytes) -> IssuedKey:
    root = parse_xml(invoice)
    vat = root.findtext(f"FatturaElettronicaHeader/{SUPPLIER_VAT}") or ""
    doc = root.find("FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento")
    number = doc.findtext("Numero") if doc is not None else ""
    day = doc.findtext("Data") if doc is not None else ""
    return issued_key(vat, number or "", int((day or "0")[:4]))


SUPPLIER_VAT = "CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice"
