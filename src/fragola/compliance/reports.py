"""The compliance report as CSV (core exports) and PDF (fpdf2): one row per rule, numbers and
explanation in the reader's language."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from fragola.compliance.selectors import Report
from fragola.compliance.wording import explain, result_json
from fragola.core.exports import Cell, table_response
from fragola.core.pdf import Document

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


def report_pdf(report: Report) -> bytes:
    title = _("Compliance report: %(org)s") % {"org": report.organisation.name}
    pdf = Document(title=title)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.style(14, bold=True)
    pdf.paragraph(title, 8)
    pdf.style(10)
    subtitle = _("Fiscal code %(code)s, as of %(day)s") % {
        "code": report.organisation.fiscal_code,
        "day": report.as_of.isoformat(),
    }
    pdf.paragraph(subtitle, 6)
    pdf.ln(3)
    for row in report_rows(report):
        pdf.style(11, bold=True)
        pdf.paragraph(f"{row['rule']}: {row['status']}", 6)
        pdf.style(9)
        pdf.paragraph(str(row["explanation"]))
        pdf.ln(2)
    return pdf.render()
