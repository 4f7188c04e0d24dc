"""The compliance report as CSV (core exports) and PDF (fpdf2): one row per rule, numbers and
explanation in the reader's language."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from fpdf import FPDF

from fragola.compliance.selectors import Report
from fragola.compliance.wording import explain, result_json
from fragola.core.exports import Cell, table_response

CSV_COLUMNS = (
    "rule",
    "status",
    "value",
    "threshold",
    "numerator",
    "denominator",
    "explanation",
    "source",
)
# Core PDF fonts are Latin-1: a few typographic signs of the explanations are spelled out.
PDF_REPLACEMENTS = {
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2212": "-",
    "\u2014": "-",
    "\u2013": "-",
    "\u2019": "'",
    "\u00d7": "x",
}


def report_rows(report: Report) -> list[dict[str, object]]:
    return [result_json(result, personal=report.personal) for result in report.results]


def report_csv(report: Report, filename: str) -> HttpResponse:
    cells: list[list[Cell]] = [
        [
            x.rule,
            x.status.value,
            x.value,
            x.threshold,
            x.numerator,
            x.denominator,
            explain(x, personal=report.personal),
            x.source,
        ]
        for x in report.results
    ]
    return table_response(filename, CSV_COLUMNS, cells)


def _latin1(text: str) -> str:
    for sign, spelled in PDF_REPLACEMENTS.items():
        text = text.replace(sign, spelled)
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(report: Report) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    title = _("Compliance report: %(org)s") % {"org": report.organisation.name}
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    subtitle = _("Fiscal code %(code)s, as of %(day)s") % {
        "code": report.organisation.fiscal_code,
        "day": report.as_of.isoformat(),
    }
    pdf.multi_cell(0, 6, _latin1(subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for row in report_rows(report):
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, _latin1(f"{row['rule']}: {row['status']}"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _latin1(str(row["explanation"])), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
