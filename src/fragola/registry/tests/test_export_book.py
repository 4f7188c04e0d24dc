import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fragola.registry.exporting import export_book
from fragola.registry.exporting.pdf import transliterate
from fragola.registry.importing import import_members
from fragola.registry.importing.columns import MEMBER_COLUMNS
from fragola.registry.importing.samples import sample_file
from fragola.registry.models import Membership, Person, ShareMovement
from fragola.registry.selectors import BookFilter
from fragola.registry.tests._io_helpers import (
    GIULIA,
    GIULIA_ROW,
    LUCA_ROW,
    MARCO,
    MARCO_ROW,
    NICOLO_ROW,
    csv_file,
)
from fragola.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def load(world, content, name="book.csv"):
    result = import_members(organisation=world.alfa, content=content, filename=name, dry_run=False)
    assert result.ok, result.errors
    return result


def export(world, file_format, as_of=None):
    return export_book(
        organisation=world.alfa, filters=BookFilter(as_of=as_of), file_format=file_format
    )


def pdf_text(content):
    """The words printed on the pages, as a reader would copy them."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def counts():
    return (
        Membership.objects.count(),
        ShareMovement.objects.count(),
        Membership.history.count() + Person.history.count() + ShareMovement.history.count(),
    )


def test_the_csv_export_has_exactly_the_import_columns(world):
    load(world, csv_file([GIULIA_ROW]))
    text = export(world, "csv").content.decode("utf-8-sig")
    header, *lines = text.splitlines()
    assert header.split(",") == list(MEMBER_COLUMNS)
    giulia = next(line for line in lines if GIULIA in line).split(",")
    assert giulia[MEMBER_COLUMNS.index("shares_paid_eur")] == "100.00"
    assert giulia[MEMBER_COLUMNS.index("comune_istat")] == "016024"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_book_imports_back_unchanged(world, file_format):
    load(world, csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW, NICOLO_ROW]))
    first = export(world, file_format)
    before = counts()
    result = load(world, first.content, name=first.filename)
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == Membership.objects.filter(organisation=world.alfa).count()
    assert counts() == before
    if file_format == "csv":
        assert export(world, "csv").content == first.content


def test_an_exported_book_fills_an_empty_cooperative_identically(world):
    load(world, csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW, NICOLO_ROW]))
    content = export(world, "csv").content
    twin = import_members(
        organisation=world.gamma, content=content, filename="b.csv", dry_run=False
    )
    assert twin.errors == [] or {e.field for e in twin.errors} == {"member_number"}


def test_the_xlsx_export_keeps_codes_as_text_and_dates_as_dates(world):
    load(world, csv_file([GIULIA_ROW]))
    sheet = load_workbook(io.BytesIO(export(world, "xlsx").content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == list(MEMBER_COLUMNS)
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2] == GIULIA)
    assert row[header.index("comune_istat")] == "016024"
    assert row[header.index("admitted_on")].date() == dt.date(2024, 2, 1)


def test_the_export_as_of_a_date_shows_the_book_as_it_stood(world):
    load(world, csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW]))
    load(world, csv_file([{**GIULIA_ROW, "shares_paid_eur": "250.00"}]))  # paid today
    text = export(world, "csv", as_of=dt.date(2024, 3, 1)).content.decode("utf-8-sig")
    lines = {line.split(",")[2]: line.split(",") for line in text.splitlines()[1:]}
    assert set(lines) >= {GIULIA, MARCO}
    assert all(code not in lines for code in ["VRDLCU90E10A794H"])  # an applicant is not a member
    marco = lines[MARCO]
    assert marco[MEMBER_COLUMNS.index("exited_on")] == ""  # he left in June
    giulia = lines[GIULIA]
    assert Decimal(giulia[MEMBER_COLUMNS.index("shares_paid_eur")]) == Decimal("100.00")
    after_exit = export(world, "csv", as_of=dt.date(2024, 7, 1)).content.decode("utf-8-sig")
    assert MARCO not in after_exit


def test_the_printable_book_is_a_pdf_with_the_cooperatives_name(world):
    load(world, csv_file([GIULIA_ROW, NICOLO_ROW]))
    pdf = export(world, "pdf", as_of=dt.date(2024, 12, 31))
    assert pdf.content.startswith(b"%PDF")
    assert pdf.filename.endswith("2024-12-31.pdf")
    text = pdf_text(pdf.content)
    assert "Alfa Cooperativa Sociale" in text
    assert world.alfa.fiscal_code in text
    assert "Nicolò" in text or "Nicol\\362" in text  # literal or octal-escaped in the PDF


def test_the_pdf_keeps_italian_accents_and_transliterates_the_rest():
    assert transliterate("Nicolò Àlvarez perché €") == "Nicolò Àlvarez perché €"
    assert transliterate("Łukasz Dvořák") == "Lukasz Dvorák"
    assert transliterate("名") == "?"


@pytest.mark.parametrize("kind", ["members", "coops"])
def test_the_templates_have_the_header_and_one_example_row(kind):
    name, _, content = sample_file(kind, "csv")
    lines = content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert name == f"fragola-{kind}-template.csv"
    _, _, xlsx = sample_file(kind, "xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and ",".join(rows[0]) == lines[0]


def test_the_members_template_imports_as_it_is(world):
    empty = OrganisationFactory()
    for file_format in ["csv", "xlsx"]:
        name, _, content = sample_file("members", file_format)
        result = import_members(organisation=empty, content=content, filename=name, dry_run=True)
        assert result.ok, result.errors
