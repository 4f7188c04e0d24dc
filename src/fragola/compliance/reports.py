"""The compliance report as CSV and PDF (fpdf2): one row per rule, numbers and explanation."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from fragola.compliance import rules as r
from fragola.compliance.redaction import explanation_for
from fragola.compliance.selectors import Report
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


def report_pdf(report: Report, lang: r.result.Lang) -> bytes:
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
    for row in report_rows(report, lang):
        pdf.style(11, bold=True)
        pdf.paragraph(f"{row['rule']}: {row['status']}", 6)
        pdf.style(9)
        pdf.paragraph(str(row["explanation"]))
        pdf.ln(2)
    return pdf.render()
