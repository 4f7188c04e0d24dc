"""A FatturaPA 1.2.3 invoice as typed data, its sums, its XML and its official file name.

Pure apart from lxml: no Django, no app. Amounts are Decimal; every amount in the XML has two
decimals, except unit prices and quantities, which keep up to eight as the schema allows.
`docs/billing.md` explains where each field goes (CIG, CUP, contract, convention, *determina*).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from lxml import etree

from .text import basic_latin, latin1

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
XMLDSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
NO_OFFICE_CODE = "0000000"  # a private customer without a code: delivered to PEC or tax drawer


class Format(StrEnum):
    PUBLIC = "FPA12"  # to public bodies
    PRIVATE = "FPR12"  # to anyone else


class DocumentType(StrEnum):
    INVOICE = "TD01"
    CREDIT_NOTE = "TD04"


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    comune: str
    province: str = ""  # 2-letter abbreviation; empty abroad
    number: str = ""
    country: str = "IT"


@dataclass(frozen=True)
class Issuer:
    vat_number: str  # without "IT"
    fiscal_code: str
    name: str
    address: Address
    tax_regime: str = "RF01"  # ordinary
    rea_office: str = ""  # province of the REA registration
    rea_number: str = ""
    share_capital: Decimal | None = None
    in_liquidation: bool = False
    email: str = ""
    iban: str = ""


@dataclass(frozen=True)
class Customer:
    address: Address
    office_code: str  # CodiceDestinatario: 6 for public bodies, 7 (or 0000000) otherwise
    public_body: bool = False
    name: str = ""  # a body or company; or first_name + last_name for a person
    first_name: str = ""
    last_name: str = ""
    vat_number: str = ""
    fiscal_code: str = ""
    pec: str = ""

    @property
    def format(self) -> Format:
        return Format.PUBLIC if self.public_body else Format.PRIVATE


@dataclass(frozen=True)
class RelatedDocument:
    """A contract, convention or *determina* the invoice refers to."""

    number: str  # IdDocumento
    date: date | None = None
    job_code: str = ""  # CodiceCommessaConvenzione


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal
    unit_price: Decimal
    rate: Decimal  # AliquotaIVA in percent; 0 when natura is set
    natura: str = ""
    reference: str = ""  # RiferimentoNormativo of the summary for an exempt line
    unit: str = ""  # e.g. "ore"
    period_start: date | None = None
    period_end: date | None = None

    @property
    def total(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass(frozen=True)
class Payment:
    method: str = "MP05"  # bank transfer
    due_date: date | None = None
    iban: str = ""


@dataclass(frozen=True)
class Invoice:
    issuer: Issuer
    customer: Customer
    number: str
    date: date
    lines: tuple[Line, ...]
    document_type: DocumentType = DocumentType.INVOICE
    cig: str = ""
    cup: str = ""
    contract: RelatedDocument | None = None
    convention: RelatedDocument | None = None
    determina: RelatedDocument | None = None  # the body's commitment (DM 132/2020)
    corrects: RelatedDocument | None = None  # the invoice a credit note corrects
    split_payment: bool = False
    stamp_duty: Decimal = ZERO  # ImportoBollo; > 0 writes BolloVirtuale SI
    payment: Payment | None = None
    notes: tuple[str, ...] = ()  # Causale
    transmitter_code: str = ""  # IdTrasmittente's IdCodice; the issuer's fiscal code if empty
    progressive: int = 1  # of the file (ProgressivoInvio and the file name)

    @property
    def format(self) -> Format:
        return self.customer.format


@dataclass(frozen=True)
class Summary:
    """One DatiRiepilogo: the lines of one rate (or one Natura and reference)."""

    rate: Decimal
    natura: str
    reference: str
    taxable: Decimal
    tax: Decimal
    chargeability: str  # EsigibilitaIVA: "I", "S" (split payment) or "" for exempt


@dataclass(frozen=True)
class Totals:
    summaries: tuple[Summary, ...]
    taxable: Decimal
    tax: Decimal
    document: Decimal  # ImportoTotaleDocumento
    payable: Decimal  # what the customer pays the issuer (net of VAT under split payment)
    untaxed: Decimal  # exempt and out-of-scope amounts (the stamp duty threshold's base)
    line_totals: tuple[Decimal, ...] = field(default=())


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def totals(invoice: Invoice) -> Totals:
    """Line totals, one summary per rate or Natura, the document total and the amount due."""
    groups: dict[tuple[Decimal, str, str], Decimal] = {}
    for line in invoice.lines:
        key = (line.rate, line.natura, line.reference if line.natura else "")
        groups[key] = groups.get(key, ZERO) + line.total
    summaries = tuple(
        _summary(rate, natura, reference, taxable, invoice.split_payment)
        for (rate, natura, reference), taxable in groups.items()
    )
    taxable = sum((s.taxable for s in summaries), ZERO)
    tax = sum((s.tax for s in summaries), ZERO)
    split_tax = sum((s.tax for s in summaries if s.chargeability == "S"), ZERO)
    return Totals(
        summaries=summaries,
        taxable=taxable,
        tax=tax,
        document=taxable + tax,
        payable=taxable + tax - split_tax,
        untaxed=sum((s.taxable for s in summaries if s.natura), ZERO),
        line_totals=tuple(line.total for line in invoice.lines),
    )


def _summary(rate: Decimal, natura: str, reference: str, taxable: Decimal, split: bool) -> Summary:
    tax = money(taxable * rate / HUNDRED)
    chargeability = "" if natura else ("S" if split else "I")
    return Summary(rate, natura, reference, money(taxable), tax, chargeability)


# --- The official file name -------------------------------------------------------------------

PROGRESSIVE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PROGRESSIVE_LENGTH = 5
MAX_PROGRESSIVE = len(PROGRESSIVE_DIGITS) ** PROGRESSIVE_LENGTH - 1


def progressive_code(number: int) -> str:
    """``number`` as five characters of [0-9A-Z] (1 → "00001", 36 → "00010")."""
    if not 0 < number <= MAX_PROGRESSIVE:
        raise ValueError(f"the file progressive must be between 1 and {MAX_PROGRESSIVE}")
    digits = []
    for _ in range(PROGRESSIVE_LENGTH):
        number, rest = divmod(number, len(PROGRESSIVE_DIGITS))
        digits.append(PROGRESSIVE_DIGITS[rest])
    return "".join(reversed(digits))


def file_name(invoice: Invoice) -> str:
    """The name the SdI requires: country, transmitter's code, "_", progressive, ".xml".

    Specifiche tecniche, "nomenclatura dei file": ``IT01234567890_0000A.xml``; the code is the
    transmitter's fiscal identifier (VAT number or fiscal code) and the progressive at most 5
    characters of [a-zA-Z0-9], unique per transmitter.
    """
    return f"IT{_transmitter(invoice)}_{progressive_code(invoice.progressive)}.xml"


def _transmitter(invoice: Invoice) -> str:
    return invoice.transmitter_code or invoice.issuer.fiscal_code or invoice.issuer.vat_number


# --- XML --------------------------------------------------------------------------------------


def amount(value: Decimal) -> str:
    return f"{money(value):.2f}"


def precise(value: Decimal) -> str:
    """A unit price or quantity: 2 to 8 decimals, as Amount8DecimalType and QuantitaType allow."""
    value = value.quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP).normalize()
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    return f"{value:.{max(2, min(8, places))}f}"


def _add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def _opt(parent: etree._Element, tag: str, text: str) -> None:
    if text:
        _add(parent, tag, text)


def to_xml(invoice: Invoice) -> bytes:
    """The invoice as a FatturaPA 1.2.3 file (UTF-8, with the XML declaration)."""
    nsmap = {"p": NAMESPACE, "ds": XMLDSIG_NAMESPACE}
    root = etree.Element(f"{{{NAMESPACE}}}FatturaElettronica", nsmap=nsmap)
    root.set("versione", invoice.format.value)
    header = _add(root, "FatturaElettronicaHeader")
    _transmission(header, invoice)
    _supplier(header, invoice.issuer)
    _customer(header, invoice.customer)
    body = _add(root, "FatturaElettronicaBody")
    sums = totals(invoice)
    _general(body, invoice, sums)
    _goods_services(body, invoice, sums)
    _payment(body, invoice, sums)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _transmission(header: etree._Element, invoice: Invoice) -> None:
    data = _add(header, "DatiTrasmissione")
    sender = _add(data, "IdTrasmittente")
    _add(sender, "IdPaese", "IT")
    _add(sender, "IdCodice", _transmitter(invoice))
    _add(data, "ProgressivoInvio", progressive_code(invoice.progressive))
    _add(data, "FormatoTrasmissione", invoice.format.value)
    customer = invoice.customer
    _add(data, "CodiceDestinatario", customer.office_code)
    if customer.office_code == NO_OFFICE_CODE:
        _opt(data, "PECDestinatario", customer.pec)


def _supplier(header: etree._Element, issuer: Issuer) -> None:
    supplier = _add(header, "CedentePrestatore")
    data = _add(supplier, "DatiAnagrafici")
    vat = _add(data, "IdFiscaleIVA")
    _add(vat, "IdPaese", "IT")
    _add(vat, "IdCodice", issuer.vat_number)
    _opt(data, "CodiceFiscale", issuer.fiscal_code)
    _add(_add(data, "Anagrafica"), "Denominazione", latin1(issuer.name, 80))
    _add(data, "RegimeFiscale", issuer.tax_regime)
    _address(_add(supplier, "Sede"), issuer.address)
    if issuer.rea_office and issuer.rea_number:
        rea = _add(supplier, "IscrizioneREA")
        _add(rea, "Ufficio", issuer.rea_office)
        _add(rea, "NumeroREA", basic_latin(issuer.rea_number, 20))
        if issuer.share_capital is not None:
            _add(rea, "CapitaleSociale", amount(issuer.share_capital))
        _add(rea, "StatoLiquidazione", "LS" if issuer.in_liquidation else "LN")
    if issuer.email:
        _add(_add(supplier, "Contatti"), "Email", issuer.email)


def _customer(header: etree._Element, customer: Customer) -> None:
    node = _add(header, "CessionarioCommittente")
    data = _add(node, "DatiAnagrafici")
    if customer.vat_number:
        vat = _add(data, "IdFiscaleIVA")
        _add(vat, "IdPaese", "IT")
        _add(vat, "IdCodice", customer.vat_number)
    _opt(data, "CodiceFiscale", customer.fiscal_code)
    registry = _add(data, "Anagrafica")
    if customer.name:
        _add(registry, "Denominazione", latin1(customer.name, 80))
    else:
        _add(registry, "Nome", latin1(customer.first_name, 60))
        _add(registry, "Cognome", latin1(customer.last_name, 60))
    _address(_add(node, "Sede"), customer.address)


def _address(node: etree._Element, address: Address) -> None:
    _add(node, "Indirizzo", latin1(address.street, 60))
    _opt(node, "NumeroCivico", basic_latin(address.number, 8))
    _add(node, "CAP", address.postcode)
    _add(node, "Comune", latin1(address.comune, 60))
    _opt(node, "Provincia", address.province)
    _add(node, "Nazione", address.country)


def _general(body: etree._Element, invoice: Invoice, sums: Totals) -> None:
    general = _add(body, "DatiGenerali")
    doc = _add(general, "DatiGeneraliDocumento")
    _add(doc, "TipoDocumento", invoice.document_type.value)
    _add(doc, "Divisa", "EUR")
    _add(doc, "Data", invoice.date.isoformat())
    _add(doc, "Numero", basic_latin(invoice.number, 20))
    if invoice.stamp_duty > 0:
        stamp = _add(doc, "DatiBollo")
        _add(stamp, "BolloVirtuale", "SI")
        _add(stamp, "ImportoBollo", amount(invoice.stamp_duty))
    _add(doc, "ImportoTotaleDocumento", amount(sums.document))
    for note in invoice.notes:
        # Causale holds 200 characters; longer notes go on in the next Causale.
        text = latin1(note)
        for start in range(0, len(text), 200):
            _add(doc, "Causale", text[start : start + 200])
    for tag, related in (
        ("DatiOrdineAcquisto", invoice.determina),
        ("DatiContratto", invoice.contract),
        ("DatiConvenzione", invoice.convention),
    ):
        if related is not None:
            _related(general, tag, related, invoice.cig, invoice.cup)
    if invoice.corrects is not None:
        _related(general, "DatiFattureCollegate", invoice.corrects, "", "")


def _related(parent: etree._Element, tag: str, doc: RelatedDocument, cig: str, cup: str) -> None:
    node = _add(parent, tag)
    _add(node, "IdDocumento", basic_latin(doc.number, 20))
    if doc.date is not None:
        _add(node, "Data", doc.date.isoformat())
    _opt(node, "CodiceCommessaConvenzione", latin1(doc.job_code, 100))
    _opt(node, "CodiceCUP", cup)
    _opt(node, "CodiceCIG", cig)


def _goods_services(body: etree._Element, invoice: Invoice, sums: Totals) -> None:
    goods = _add(body, "DatiBeniServizi")
    for number, line in enumerate(invoice.lines, start=1):
        _line(goods, number, line)
    for summary in sums.summaries:
        node = _add(goods, "DatiRiepilogo")
        _add(node, "AliquotaIVA", amount(summary.rate))
        _opt(node, "Natura", summary.natura)
        _add(node, "ImponibileImporto", amount(summary.taxable))
        _add(node, "Imposta", amount(summary.tax))
        _opt(node, "EsigibilitaIVA", summary.chargeability)
        _opt(node, "RiferimentoNormativo", latin1(summary.reference, 100))


def _line(goods: etree._Element, number: int, line: Line) -> None:
    node = _add(goods, "DettaglioLinee")
    _add(node, "NumeroLinea", str(number))
    _add(node, "Descrizione", latin1(line.description, 1000))
    _add(node, "Quantita", precise(line.quantity))
    _opt(node, "UnitaMisura", basic_latin(line.unit, 10))
    if line.period_start is not None:
        _add(node, "DataInizioPeriodo", line.period_start.isoformat())
    if line.period_end is not None:
        _add(node, "DataFinePeriodo", line.period_end.isoformat())
    _add(node, "PrezzoUnitario", precise(line.unit_price))
    _add(node, "PrezzoTotale", amount(line.total))
    _add(node, "AliquotaIVA", amount(line.rate))
    _opt(node, "Natura", line.natura)


def _payment(body: etree._Element, invoice: Invoice, sums: Totals) -> None:
    if invoice.payment is None:
        return
    terms = _add(body, "DatiPagamento")
    _add(terms, "CondizioniPagamento", "TP02")  # paid in full
    detail = _add(terms, "DettaglioPagamento")
    _add(detail, "ModalitaPagamento", invoice.payment.method)
    if invoice.payment.due_date is not None:
        _add(detail, "DataScadenzaPagamento", invoice.payment.due_date.isoformat())
    _add(detail, "ImportoPagamento", amount(sums.payable))
    _opt(detail, "IBAN", invoice.payment.iban or invoice.issuer.iban)
