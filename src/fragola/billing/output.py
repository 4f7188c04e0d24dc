"""A month's invoices as files: the XML under its official name and a readable PDF beside it.

Issued invoices not yet sent go out through the folder export (`channels.FolderExport`): the
file written is the one Fragola keeps (`SentFile`), so the SdI's answers about it can be
imported later. Invoices already sent are written again from the kept file, unchanged. A draft
is written for review as ``BOZZA-<id>.xml`` with a provisional number (it is no invoice yet).
A file already in the folder is never overwritten; the same content there is left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from fragola.billing import fatturapa as fp
from fragola.billing.channels import FolderExport
from fragola.billing.documents import document_of
from fragola.billing.models import Invoice, InvoiceState, SentFile
from fragola.billing.services import invoice_send
from fragola.core.pdf import Document

DRAFT_PREFIX = "BOZZA"
# fpdf2's font subsetting logs every glyph list at INFO: noise in a command's output.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class FileClash(Exception):
    """A different file with the same name is already in the folder."""


@dataclass(frozen=True)
class Written:
    invoice: Invoice
    xml: Path
    pdf: Path
    totals: fp.Totals


@transaction.atomic
def write_month(invoices: Iterable[Invoice], folder: Path, *, at: dt.datetime) -> list[Written]:
    """Write the invoices; a clash undoes every send of this call (files written stay)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for invoice in invoices:
        if invoice.state == InvoiceState.DRAFT:
            document = document_of(invoice)
            document = _provisional(document, invoice)
            name, data = f"{DRAFT_PREFIX}-{invoice.pk}.xml", fp.to_xml(document)
            _write(folder / name, data)
        else:
            if invoice.state == InvoiceState.ISSUED:
                sent = invoice_send(invoice=invoice, at=at)
                try:
                    FolderExport(folder).transmit(sent, at=at)
                except FileExistsError:
                    raise FileClash(str(folder / sent.name)) from None
                invoice.refresh_from_db()
            else:
                latest = (
                    SentFile.objects.filter(invoice=invoice).order_by("-sent_at", "-pk").first()
                )
                if latest is None:  # pragma: no cover - every state after issued has a file
                    continue
                sent = latest
                _write(folder / sent.name, bytes(sent.content))
            document = document_of(invoice)
            name = sent.name
        totals = fp.totals(document)
        pdf = folder / (Path(name).stem + ".pdf")
        _write(pdf, invoice_pdf(invoice, document, totals))
        written.append(Written(invoice, folder / name, pdf, totals))
    return written


def _provisional(document: fp.Invoice, invoice: Invoice) -> fp.Invoice:
    return replace(document, number=f"{DRAFT_PREFIX}-{invoice.pk}")


def _write(path: Path, data: bytes) -> None:
    try:
        with path.open("xb") as out:  # never overwrite
            out.write(data)
    except FileExistsError:
        if path.read_bytes() != data and path.suffix != ".pdf":
            raise FileClash(str(path)) from None


def _euro(amount: Decimal) -> str:
    return f"{fp.money(amount):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def invoice_pdf(invoice: Invoice, document: fp.Invoice, totals: fp.Totals) -> bytes:
    """A readable copy (copia di cortesia): the legal invoice is the XML the SdI delivers."""
    number = document.number
    pdf = Document(title=f"Fattura {number}")
    pdf.add_page()
    pdf.style(14, bold=True)
    pdf.text_line(f"Fattura n. {number} del {document.date:%d/%m/%Y}", 9)
    pdf.style(9)
    pdf.text_line("Copia di cortesia: l'originale è il file XML trasmesso tramite lo SdI.")
    pdf.ln(3)
    issuer, customer = document.issuer, document.customer
    pdf.style(10, bold=True)
    pdf.text_line(issuer.name)
    pdf.style(10)
    pdf.text_line(f"P. IVA {issuer.vat_number} - C.F. {issuer.fiscal_code}")
    pdf.text_line(f"{issuer.address.street} {issuer.address.number}, {issuer.address.postcode} "
                  f"{issuer.address.comune} ({issuer.address.province})")  # fmt: skip
    pdf.ln(3)
    pdf.style(10, bold=True)
    pdf.text_line("Cliente: " + (customer.name or f"{customer.first_name} {customer.last_name}"))
    pdf.style(10)
    pdf.text_line(f"C.F. {customer.fiscal_code} - codice destinatario {customer.office_code}")
    refs = [f"CIG {document.cig}"] if document.cig else []
    if document.cup:
        refs.append(f"CUP {document.cup}")
    if document.contract:
        refs.append(f"contratto {document.contract.number}")
    if document.determina:
        refs.append(f"determina {document.determina.number}")
    if refs:
        pdf.text_line(" - ".join(refs))
    pdf.ln(3)
    for line, total in zip(document.lines, totals.line_totals, strict=False):
        vat = f"IVA {line.rate}%" if not line.natura else line.natura
        pdf.paragraph(
            f"{line.description}: {line.quantity.normalize():f} {line.unit} x "
            f"{_euro(line.unit_price)} = {_euro(total)} EUR ({vat})"
        )
    pdf.ln(3)
    for summary in totals.summaries:
        what = f"IVA {summary.rate}%" if not summary.natura else summary.natura
        split = " (scissione dei pagamenti)" if summary.chargeability == "S" else ""
        pdf.text_line(
            f"{what}: imponibile {_euro(summary.taxable)}, imposta {_euro(summary.tax)}{split}"
        )
    pdf.style(11, bold=True)
    pdf.text_line(f"Totale documento: {_euro(totals.document)} EUR")
    pdf.text_line(f"Da pagare: {_euro(totals.payable)} EUR")
    if invoice.due_date:
        pdf.style(10)
        pdf.text_line(f"Scadenza: {invoice.due_date:%d/%m/%Y}")
    return pdf.render()
