"""The compliance report as CSV and PDF (fpdf2): one row per rule, numbers and explanation."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from fpdf import FPDF

from fragola.compliance import rules as r
from fragola.compliance.redaction import explanation_for
from fragola.compliance.selectors import Report

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


def report_rows(report: Report, lang: r.result.Lang) -> list[dict[str, object]]:
    rows = []
    for result in report.results:
        data = result.to_json(lang)
        data["explanation"] = explanation_for(result, lang, personal=report.personal)
        rows.append(data)
    return rows


def report_csv(report: Report, lang: r.result.Lang) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in report_rows(report, lang):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def _latin1(text: str) -> str:
    for sign, spelled in PDF_REPLACEMENTS.items():
        text = text.replace(sign, spelled)
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(report: Report, lang: r.result.Lang) -> bytes:
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
    for row in report_rows(report, lang):
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, _latin1(f"{row['rule']}: {row['status']}"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _latin1(str(row["explanation"])), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
