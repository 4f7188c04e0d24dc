"""The SdI's own checks on an invoice file, run before sending it (pure apart from lxml).

The SdI rejects a file (NS, "notifica di scarto") when one of these fails; Fragola runs them
first so a co-op fixes the invoice before it leaves. Each finding carries the SdI's error code
and a message; messages are marked for translation (``gettext_noop``) and rendered with the
``translate`` function the caller passes (Django's ``gettext`` in the app), so this module needs
no framework. Codes and tolerances: specifiche tecniche FatturaPA, "elenco controlli".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from .schema import parse_xml, validate_invoice

LINE_TOLERANCE = Decimal("0.01")  # 00423
TAX_TOLERANCE = Decimal("0.01")  # 00421
TAXABLE_TOLERANCE = Decimal("1.00")  # 00422: the SdI allows one euro
OFFICE_CODE_LENGTH = {"FPA12": 6, "FPR12": 7}


def gettext_noop(message: str) -> str:
    """Marks a message for translation (makemessages picks it up); translated when shown."""
    return message


MSG_SCHEMA = gettext_noop("The file does not follow the FatturaPA schema: {detail}")
MSG_LINE_TOTAL = gettext_noop(
    "Line {line}: the total {total} is not quantity {quantity} times unit price {price}."
)
MSG_SUMMARY_TAX = gettext_noop(
    "Summary at {rate} %: the VAT {tax} is not {taxable} at {rate} % ({expected})."
)
MSG_SUMMARY_TAXABLE = gettext_noop(
    "Summary at {rate} %{natura}: the taxable amount {taxable} is not the sum of its lines "
    "({expected})."
)
MSG_NATURA_MISSING = gettext_noop("{where}: a VAT rate of zero needs a Natura code.")
MSG_NATURA_WITH_RATE = gettext_noop("{where}: a Natura code goes only with a VAT rate of zero.")
MSG_DUPLICATE = gettext_noop(
    "Invoice {number} of {year} has already been issued by this co-op: the SdI refuses it as "
    "a duplicate."
)
MSG_NUMBER_DIGIT = gettext_noop("The invoice number {number} must contain at least one digit.")
MSG_OFFICE_CODE = gettext_noop(
    "A {format} invoice needs a {length}-character recipient code; {code} has {actual}."
)
WHERE_LINE = gettext_noop("Line {line}")
WHERE_SUMMARY = gettext_noop("Summary {index}")

Translate = Callable[[str], str]


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Finding:
    code: str  # the SdI error code ("00423") or "schema"
    message: str  # a template marked for translation
    params: dict[str, str] = field(default_factory=dict)

    def text(self, translate: Translate = _identity) -> str:
        params = dict(self.params)
        if "where" in params:
            where_template, _, where_value = params["where"].partition("|")
            key = "line" if where_template == WHERE_LINE else "index"
            params["where"] = translate(where_template).format(**{key: where_value})
        return translate(self.message).format(**params)


IssuedKey = tuple[str, str, int]  # (issuer's VAT number, invoice number, year)


def issued_key(vat_number: str, number: str, year: int) -> IssuedKey:
    return (vat_number.upper(), number.strip().upper(), year)


def check_file(data: bytes, *, issued: Collection[IssuedKey] = ()) -> list[Finding]:
    """Schema errors first; if the file follows the schema, the SdI's content checks."""
    errors = validate_invoice(data)
    if errors:
        return [Finding("schema", MSG_SCHEMA, {"detail": error}) for error in errors]
    return check_content(parse_xml(data), issued=issued)


def check_content(root: etree._Element, *, issued: Collection[IssuedKey] = ()) -> list[Finding]:
    """The SdI checks on a parsed invoice that already follows the schema."""
    findings = list(_office_code(root))
    supplier_vat = (
        root.findtext(
            "FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice"
        )
        or ""
    )
    for body in root.findall("FatturaElettronicaBody"):
        findings += _number(body, supplier_vat, issued)
        findings += _lines(body)
        findings += _summaries(body)
    return findings


def _dec(node: etree._Element, tag: str, default: str = "0") -> Decimal:
    try:
        return Decimal(node.findtext(tag) or default)
    except InvalidOperation:
        return Decimal(default)


def _office_code(root: etree._Element) -> Iterator[Finding]:
    fmt = root.get("versione", "")
    code = root.findtext("FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario") or ""
    length = OFFICE_CODE_LENGTH.get(fmt)
    if length is not None and len(code) != length:
        params = {"format": fmt, "length": str(length), "code": code, "actual": str(len(code))}
        yield Finding("00427", MSG_OFFICE_CODE, params)


def _number(body: etree._Element, vat: str, issued: Collection[IssuedKey]) -> Iterator[Finding]:
    doc = body.find("DatiGenerali/DatiGeneraliDocumento")
    if doc is None:
        return
    number = doc.findtext("Numero") or ""
    year = int((doc.findtext("Data") or "0000")[:4])
    if not any(char.isdigit() for char in number):
        yield Finding("00425", MSG_NUMBER_DIGIT, {"number": number})
    if issued_key(vat, number, year) in issued:
        yield Finding("00404", MSG_DUPLICATE, {"number": number, "year": str(year)})


def _lines(body: etree._Element) -> Iterator[Finding]:
    for line in body.findall("DatiBeniServizi/DettaglioLinee"):
        label = line.findtext("NumeroLinea") or "?"
        yield from _natura(line, f"{WHERE_LINE}|{label}", ("00400", "00401"))
        if line.find("ScontoMaggiorazione") is not None:
            continue  # discounts are not written by Fragola; the SdI's formula then differs
        quantity = _dec(line, "Quantita", "1")
        price = _dec(line, "PrezzoUnitario")
        total = _dec(line, "PrezzoTotale")
        if abs(quantity * price - total) > LINE_TOLERANCE:
            params = {"line": label, "total": str(total), "quantity": str(quantity)}
            yield Finding("00423", MSG_LINE_TOTAL, {**params, "price": str(price)})


def _summaries(body: etree._Element) -> Iterator[Finding]:
    summaries = body.findall("DatiBeniServizi/DatiRiepilogo")
    for index, summary in enumerate(summaries, start=1):
        yield from _natura(summary, f"{WHERE_SUMMARY}|{index}", ("00429", "00430"))
        rate = _dec(summary, "AliquotaIVA")
        taxable = _dec(summary, "ImponibileImporto")
        tax = _dec(summary, "Imposta")
        expected_tax = (taxable * rate / 100).quantize(Decimal("0.01"))
        if abs(expected_tax - tax) > TAX_TOLERANCE:
            params = {"rate": str(rate), "tax": str(tax), "taxable": str(taxable)}
            yield Finding("00421", MSG_SUMMARY_TAX, {**params, "expected": str(expected_tax)})
    yield from _summary_taxables(body, summaries)


def _summary_taxables(body: etree._Element, summaries: list[etree._Element]) -> Iterator[Finding]:
    # The SdI compares, per rate and Natura, the summaries' taxable amounts with the lines'.
    declared: dict[tuple[Decimal, str], Decimal] = {}
    for summary in summaries:
        key = (_dec(summary, "AliquotaIVA"), summary.findtext("Natura") or "")
        extra = _dec(summary, "SpeseAccessorie") + _dec(summary, "Arrotondamento")
        declared[key] = declared.get(key, Decimal(0)) + _dec(summary, "ImponibileImporto") - extra
    computed: dict[tuple[Decimal, str], Decimal] = {}
    for line in body.findall("DatiBeniServizi/DettaglioLinee"):
        key = (_dec(line, "AliquotaIVA"), line.findtext("Natura") or "")
        computed[key] = computed.get(key, Decimal(0)) + _dec(line, "PrezzoTotale")
    for key in sorted(declared.keys() | computed.keys()):
        taxable, expected = declared.get(key, Decimal(0)), computed.get(key, Decimal(0))
        if abs(expected - taxable) > TAXABLE_TOLERANCE:
            params = {"rate": str(key[0]), "natura": f" {key[1]}" if key[1] else ""}
            yield Finding(
                "00422",
                MSG_SUMMARY_TAXABLE,
                {**params, "taxable": str(taxable), "expected": str(expected)},
            )


def _natura(node: etree._Element, where: str, codes: tuple[str, str]) -> Iterator[Finding]:
    rate = _dec(node, "AliquotaIVA")
    has_natura = bool(node.findtext("Natura"))
    if rate == 0 and not has_natura:
        yield Finding(codes[0], MSG_NATURA_MISSING, {"where": where})
    if rate != 0 and has_natura:
        yield Finding(codes[1], MSG_NATURA_WITH_RATE, {"where": where})
