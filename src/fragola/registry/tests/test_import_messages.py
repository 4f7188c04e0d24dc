"""What the importers tell the user about a bad file, row or job: the row, the column and the
message of ``importing.messages`` (or of the job), each provoked by the file that deserves it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.utils import translation

from fragola.core.importing import messages as core_msg
from fragola.registry.importing import CoopScope, bulk, import_coops, import_members
from fragola.registry.importing import background as job_background
from fragola.registry.importing import messages as msg
from fragola.registry.importing.jobs import ERR_BUSY, ERR_FAILED, ERR_FILE_GONE, job_create
from fragola.registry.importing.models import ImportJob, ImportKind, ImportStatus
from fragola.registry.models import Membership
from fragola.registry.tests._io_helpers import (
    GIULIA,
    GIULIA_ROW,
    LUCA_ROW,
    MARCO_ROW,
    NICOLO_ROW,
    coops_csv,
    csv_file,
)
from fragola.testing.factories import organisation_fiscal_code

pytestmark = pytest.mark.django_db
DELTA = organisation_fiscal_code(911)
LAMPONE = organisation_fiscal_code(912)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def members(world, content: bytes, *, name: str = "book.csv", dry_run: bool = True):
    return import_members(organisation=world.alfa, content=content, filename=name, dry_run=dry_run)


def reasons(result, row: int, field: str) -> list[str]:
    return [error.reason for error in result.errors if (error.row, error.field) == (row, field)]


# The file


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("book.pdf", b"%PDF-1.4", core_msg.ERR_FILE_FORMAT),
        ("book.xlsx", b"PK\x03\x04garbage", core_msg.ERR_FILE_UNREADABLE),
        ("book.csv", "Nicolò".encode("latin-1") + b"\n", core_msg.ERR_FILE_ENCODING),
        ("book.csv", b",,\n", core_msg.ERR_FILE_EMPTY),
    ],
)
def test_it_refuses_a_file_it_cannot_read_as_a_table(world, name, content, message):
    result = members(world, content, name=name)
    assert [(e.row, e.field, e.reason) for e in result.errors] == [(1, "file", str(message))]


def test_it_refuses_a_header_without_rows(world):
    result = members(world, csv_file([]))
    assert reasons(result, 2, "file") == [str(core_msg.ERR_FILE_NO_ROWS)]


def test_it_names_the_missing_unknown_and_repeated_columns(world):
    content = b"member_number,categoria,fiscal_code,fiscal_code,applied_on\n1,x,Y,Y,2024-01-01\n"
    result = members(world, content)
    assert reasons(result, 1, "category") == [str(core_msg.ERR_MISSING_COLUMN)]
    assert reasons(result, 1, "categoria") == [str(core_msg.ERR_UNKNOWN_COLUMN)]
    assert reasons(result, 1, "fiscal_code") == [str(core_msg.ERR_DUPLICATE_COLUMN)]


# The cells of a row


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("applied_on", "", core_msg.ERR_REQUIRED),
        ("shares_paid_eur", "dieci", core_msg.ERR_DECIMAL),
        ("shares_paid_eur", "-5", core_msg.ERR_NEGATIVE),
        ("shares_paid_eur", "10.005", core_msg.ERR_CENTS),
        ("member_number", "0", core_msg.ERR_INTEGER),
        ("email", "giulia at example", core_msg.ERR_EMAIL),
        ("comune_istat", "999999", msg.ERR_COMUNE),
    ],
)
def test_it_names_the_bad_cell(world, column, value, message):
    result = members(world, csv_file([{**GIULIA_ROW, column: value}]))
    assert reasons(result, 2, column) == [str(message)]
    assert not result.ok


def test_it_lists_the_accepted_values_of_a_choice(world):
    result = members(world, csv_file([{**GIULIA_ROW, "sex": "X"}]))
    assert reasons(result, 2, "sex") == [str(core_msg.ERR_CHOICE) % {"choices": "F, M"}]


def test_it_says_how_long_a_name_may_be(world):
    result = members(world, csv_file([{**GIULIA_ROW, "first_name": "G" * 101}]))
    assert reasons(result, 2, "first_name") == [str(core_msg.ERR_TOO_LONG) % {"max": 100}]


# The book's dates and capital on one row


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ({**GIULIA_ROW, "admitted_on": ""}, "member_number", msg.ERR_NUMBER_WITHOUT_ADMISSION),
        ({**GIULIA_ROW, "member_number": ""}, "member_number", msg.ERR_ADMISSION_WITHOUT_NUMBER),
        (
            {**GIULIA_ROW, "admitted_on": "2023-12-01"},
            "admitted_on",
            msg.ERR_ADMITTED_BEFORE_APPLIED,
        ),
        (
            {**LUCA_ROW, "exited_on": "2024-06-30", "exit_reason": "withdrawal"},
            "exited_on",
            msg.ERR_EXIT_WITHOUT_ADMISSION,
        ),
        ({**MARCO_ROW, "exited_on": "2024-01-20"}, "exited_on", msg.ERR_EXITED_BEFORE_ADMITTED),
        ({**MARCO_ROW, "exit_reason": ""}, "exit_reason", msg.ERR_EXIT_WITHOUT_REASON),
        ({**GIULIA_ROW, "exit_reason": "withdrawal"}, "exit_reason", msg.ERR_REASON_WITHOUT_EXIT),
        ({**GIULIA_ROW, "shares_paid_eur": "300"}, "shares_paid_eur", msg.ERR_PAID_OVER_SUBSCRIBED),
    ],
)
def test_it_refuses_a_row_whose_book_does_not_hold_together(world, row, column, message):
    result = members(world, csv_file([row]))
    assert reasons(result, 2, column) == [str(message)]


def test_it_names_the_row_where_a_member_number_first_appeared(world):
    twin = {**MARCO_ROW, "member_number": "9101"}
    result = members(world, csv_file([GIULIA_ROW, twin]))
    expected = str(msg.ERR_DUPLICATE_NUMBER) % {"number": "9101", "row": 2}
    assert reasons(result, 3, "member_number") == [expected]


def test_it_names_the_row_where_a_fiscal_code_first_appeared(world):
    again = {**GIULIA_ROW, "member_number": "9105"}
    result = members(world, csv_file([GIULIA_ROW, again]))
    assert reasons(result, 3, "fiscal_code") == [str(msg.ERR_DUPLICATE_FISCAL_CODE) % {"row": 2}]


# Rows against the book already in Fragola


def test_it_names_whose_member_number_it_is(world):
    members(world, csv_file([GIULIA_ROW]), dry_run=False)
    result = members(world, csv_file([{**NICOLO_ROW, "member_number": "9101"}]))
    expected = str(msg.ERR_NUMBER_OTHER_PERSON) % {"number": 9101, "other": GIULIA}
    assert reasons(result, 2, "member_number") == [expected]


def test_it_says_what_the_subscribed_capital_is_when_a_file_lowers_it(world):
    members(world, csv_file([GIULIA_ROW]), dry_run=False)
    lower = {**GIULIA_ROW, "shares_subscribed_eur": "100", "shares_paid_eur": "0"}
    result = members(world, csv_file([lower]))
    expected = str(msg.ERR_SUBSCRIBED_DOWN) % {"current": "250.00"}
    assert reasons(result, 2, "shares_subscribed_eur") == [expected]


def test_it_refuses_to_reopen_a_member_who_left(world):
    members(world, csv_file([MARCO_ROW]), dry_run=False)
    back = {**MARCO_ROW, "exited_on": "", "exit_reason": ""}
    result = members(world, csv_file([back]), dry_run=False)
    assert reasons(result, 2, "exited_on") == [str(msg.ERR_CANNOT_REOPEN)]
    assert Membership.objects.get(member_number=9102).exited_on is not None


def test_it_reports_a_write_the_database_refused_and_keeps_nothing(world, monkeypatch):
    def broken(batch, author):
        raise IntegrityError("disk full")

    monkeypatch.setattr(bulk, "_create_movements", broken)
    result = members(world, csv_file([GIULIA_ROW]), dry_run=False)
    expected = str(core_msg.ERR_ROW_NOT_SAVED) % {"reason": "IntegrityError"}
    assert reasons(result, 0, "file") == [expected]
    assert ImportJob.objects.get(organisation=world.alfa).reason == expected
    assert not Membership.objects.filter(member_number=9101).exists()


# The job around an import


def test_a_job_whose_file_is_gone_says_so(world):
    job = job_create(organisation=world.alfa, kind=ImportKind.MEMBERS, filename="book.csv")
    job = job_background.job_run(job)
    assert (job.status, job.reason) == (ImportStatus.FAILED, str(ERR_FILE_GONE))


def test_a_second_import_of_the_same_co_op_waits_for_the_first(world):
    content = csv_file([GIULIA_ROW])
    first = job_create(organisation=world.alfa, kind=ImportKind.MEMBERS, filename="a.csv")
    ImportJob.objects.filter(pk=first.pk).update(status=ImportStatus.RUNNING)
    second = job_create(
        organisation=world.alfa, kind=ImportKind.MEMBERS, filename="b.csv", content=content
    )
    second = job_background.job_run(second)
    assert (second.status, second.reason) == (ImportStatus.FAILED, str(ERR_BUSY))
    assert not Membership.objects.filter(member_number=9101).exists()


def test_a_job_that_crashes_says_it_failed_and_why(world, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(job_background, "import_members", crash)
    job = job_create(
        organisation=world.alfa,
        kind=ImportKind.MEMBERS,
        filename="book.csv",
        content=csv_file([GIULIA_ROW]),
    )
    job = job_background.job_run(job)
    with translation.override(settings.LANGUAGE_CODE):
        expected = str(ERR_FAILED) % {"reason": "RuntimeError"}
    assert (job.status, job.reason) == (ImportStatus.FAILED, expected)


# Co-operatives


def coop_row(**overrides: str) -> dict[str, str]:
    row = {
        "fiscal_code": DELTA, "name": "Delta Cooperativa Sociale", "type": "B",
        "legal_form": "srl", "founded_on": "2012-05-04", "comune_istat": "016024",
        "register_region": "Lombardia", "register_section": "B", "register_number": "B-77",
        "consortium_fiscal_code": LAMPONE, "joined_consortium_on": "2020-01-01",
    }  # fmt: skip
    return {**row, **overrides}


def coops(rows, scope: CoopScope | None = None, *, dry_run: bool = True):
    return import_coops(content=coops_csv(rows), filename="c.csv", dry_run=dry_run, scope=scope)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (coop_row(register_region="Atlantide"), "register_region", msg.ERR_REGION),
        (
            coop_row(joined_consortium_on=""),
            "joined_consortium_on",
            msg.ERR_CONSORTIUM_WITHOUT_DATE,
        ),
        (
            coop_row(consortium_fiscal_code=""),
            "consortium_fiscal_code",
            msg.ERR_DATE_WITHOUT_CONSORTIUM,
        ),
        (
            coop_row(consortium_fiscal_code=DELTA),
            "consortium_fiscal_code",
            msg.ERR_CONSORTIUM_ITSELF,
        ),
    ],
)
def test_it_refuses_a_bad_coop_row(world, row, column, message):
    assert reasons(coops([row]), 2, column) == [str(message)]


def test_a_consortium_links_co_ops_to_itself_only(world):
    result = coops([coop_row()], CoopScope(consortium=world.consortium))
    expected = str(msg.ERR_CONSORTIUM_OTHER) % {"consortium": world.consortium.name}
    assert reasons(result, 2, "consortium_fiscal_code") == [expected]


def test_it_refuses_to_link_a_co_op_to_a_co_op(world):
    result = coops([coop_row(consortium_fiscal_code=world.gamma.fiscal_code)])
    assert reasons(result, 2, "consortium_fiscal_code") == [
        str(msg.ERR_CONSORTIUM_NOT_A_CONSORTIUM)
    ]


def test_it_refuses_to_change_an_organisation_the_user_may_not_change(world):
    assert coops([coop_row(consortium_fiscal_code="", joined_consortium_on="")], dry_run=False).ok
    renumbered = coop_row(
        register_number="B-78", consortium_fiscal_code="", joined_consortium_on=""
    )
    result = coops([renumbered], CoopScope(may_change=lambda organisation: False))
    assert reasons(result, 2, "fiscal_code") == [str(msg.ERR_ORG_NOT_YOURS)]
