import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from fragola.core.importing import messages as msg
from fragola.core.italy.codes import ERR_FISCAL_CODE_BIRTH_DATE
from fragola.registry.importing import import_members
from fragola.registry.models import Membership, Person, ShareMovement, ShareMovementKind
from fragola.registry.tests._io_helpers import (
    GIULIA,
    GIULIA_ROW,
    LUCA,
    LUCA_ROW,
    MARCO,
    MARCO_ROW,
    NICOLO,
    NICOLO_ROW,
    csv_file,
)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
TODAY = dt.date(2025, 1, 10)


def run(world, content, *, dry_run=False, name="book.csv", today=TODAY):
    return import_members(
        organisation=world.alfa, content=content, filename=name, dry_run=dry_run, today=today
    )


def book(world):
    return Membership.objects.filter(organisation=world.alfa)


def test_it_imports_a_book_with_applicants_admissions_exits_and_capital(world):
    result = run(world, csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW]))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    giulia = book(world).get(member_number=9101)
    assert giulia.person.fiscal_code == GIULIA
    assert giulia.capital_on() == {
        ShareMovementKind.SUBSCRIPTION: Decimal("250.00"),
        ShareMovementKind.PAYMENT: Decimal("100.00"),
        ShareMovementKind.REFUND: Decimal("0.00"),
    }
    assert set(giulia.share_movements.values_list("date", flat=True)) == {dt.date(2024, 2, 1)}
    marco = book(world).get(member_number=9102)
    assert (marco.exited_on, marco.exit_reason) == (dt.date(2024, 6, 30), "withdrawal")
    luca = book(world).get(person__fiscal_code=LUCA)
    assert luca.member_number is None and luca.admitted_on is None


def test_it_reads_semicolons_italian_dates_and_decimal_commas(world):
    result = run(world, (DATA / "members_semicolon.csv").read_bytes())
    assert result.ok, result.errors
    assert result.created == 3
    giulia = book(world).get(member_number=9001)
    assert giulia.admitted_on == dt.date(2024, 2, 1)
    assert giulia.person.comune.istat_code == "016024"
    assert giulia.capital_on()[ShareMovementKind.PAYMENT] == Decimal("100.00")
    marco = book(world).get(member_number=9002)
    assert (marco.category, marco.exit_reason) == ("volontario", "withdrawal")


def test_it_reads_a_file_with_a_byte_order_mark(world):
    result = run(world, b"\xef\xbb\xbf" + csv_file([GIULIA_ROW]))
    assert result.ok, result.errors
    assert book(world).filter(member_number=9101).exists()


def test_it_reports_every_bad_row_with_its_field_and_writes_nothing(world):
    bad_date = {**GIULIA_ROW, "admitted_on": "31/02/2024"}
    bad_code = {**MARCO_ROW, "fiscal_code": "BNCMRC70A01A794X"}
    bad_birth = {**NICOLO_ROW, "birth_date": "1992-07-05"}
    bad_category = {**LUCA_ROW, "category": "astronauta", "shares_paid_eur": "dieci"}
    people_before = Person.objects.count()
    with translation.override("en"):
        result = run(world, csv_file([bad_date, bad_code, LUCA_ROW, bad_birth, bad_category]))
    found = {(error.row, error.field) for error in result.errors}
    assert found == {
        (2, "admitted_on"),
        (3, "fiscal_code"),
        (5, "birth_date"),
        (6, "category"),
        (6, "shares_paid_eur"),
        (6, "fiscal_code"),  # Luca twice in the file
    }
    with translation.override("en"):
        expected = str(ERR_FISCAL_CODE_BIRTH_DATE)
    assert expected in [e.reason for e in result.errors if e.row == 5]
    assert not book(world).filter(person__fiscal_code__in=[GIULIA, MARCO, LUCA, NICOLO]).exists()
    assert Person.objects.count() == people_before


def test_it_reports_duplicate_member_numbers_in_the_file(world):
    twin = {**MARCO_ROW, "member_number": "9101"}
    with translation.override("en"):
        result = run(world, csv_file([GIULIA_ROW, twin]))
    assert [(e.row, e.field) for e in result.errors] == [(3, "member_number")]
    assert "row 2" in result.errors[0].reason
    assert not book(world).filter(member_number=9101).exists()


def test_it_reports_a_row_the_database_refuses_and_keeps_the_good_rows_out_too(world):
    taken = {**GIULIA_ROW, "member_number": str(world.alfa_member.member_number)}
    result = run(world, csv_file([MARCO_ROW, taken]))
    assert [(e.row, e.field) for e in result.errors] == [(3, "member_number")]
    assert not book(world).filter(person__fiscal_code=MARCO).exists()


def test_it_reports_errors_in_the_users_language(world):
    content = csv_file([{**GIULIA_ROW, "applied_on": "ieri"}])
    for language in ["en", "it"]:
        with translation.override(language):
            assert run(world, content).errors[0].reason == str(msg.ERR_DATE)


def test_a_dry_run_counts_what_would_happen_and_writes_nothing(world):
    result = run(world, csv_file([GIULIA_ROW, MARCO_ROW]), dry_run=True)
    assert result.ok and result.created == 2
    assert not book(world).filter(member_number__in=[9101, 9102]).exists()


def test_reimporting_an_unchanged_file_changes_nothing(world):
    content = csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW])
    run(world, content)
    history = Membership.history.count() + Person.history.count()
    movements = ShareMovement.objects.count()
    result = run(world, content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Membership.history.count() + Person.history.count() == history
    assert ShareMovement.objects.count() == movements


def test_it_admits_an_applicant_and_adjusts_capital_today(world):
    run(world, csv_file([LUCA_ROW, GIULIA_ROW]))
    admitted = {**LUCA_ROW, "member_number": "9104", "admitted_on": "2024-04-01",
                "shares_subscribed_eur": "25", "shares_paid_eur": "25"}  # fmt: skip
    less_paid = {**GIULIA_ROW, "shares_paid_eur": "40.00", "email": "giulia@example.org"}
    result = run(world, csv_file([admitted, less_paid]))
    assert result.ok, result.errors
    assert result.updated == 2
    luca = book(world).get(person__fiscal_code=LUCA)
    assert (luca.member_number, luca.admitted_on) == (9104, dt.date(2024, 4, 1))
    giulia = book(world).get(member_number=9101)
    refund = giulia.share_movements.get(kind=ShareMovementKind.REFUND)
    assert (refund.amount, refund.date) == (Decimal("60.00"), TODAY)
    assert giulia.person.email == "giulia@example.org"


def test_it_refuses_to_lower_the_subscribed_capital(world):
    run(world, csv_file([GIULIA_ROW]))
    result = run(
        world, csv_file([{**GIULIA_ROW, "shares_subscribed_eur": "100", "shares_paid_eur": "0"}])
    )
    assert [(e.row, e.field) for e in result.errors] == [(2, "shares_subscribed_eur")]


def test_it_refuses_a_number_that_belongs_to_someone_else(world):
    run(world, csv_file([GIULIA_ROW]))
    impostor = {**NICOLO_ROW, "member_number": "9101"}
    result = run(world, csv_file([impostor]))
    assert [(e.row, e.field) for e in result.errors] == [(2, "member_number")]
    assert GIULIA in result.errors[0].reason


def test_it_checks_the_header(world):
    content = b"member_number,categoria,fiscal_code,applied_on\n1,lavoratore,X,2024-01-01\n"
    result = run(world, content)
    assert {(e.row, e.field) for e in result.errors} == {(1, "category"), (1, "categoria")}


def test_it_refuses_a_file_that_is_not_a_spreadsheet(world):
    assert run(world, b"%PDF-1.4", name="book.pdf").errors[0].field == "file"
    assert run(world, b"PK\x03\x04garbage", name="book.xlsx").errors[0].field == "file"
    assert run(world, "é".encode("latin-1") + b"\n", name="book.csv").errors[0].field == "file"
