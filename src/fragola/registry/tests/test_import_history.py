"""Importing a book (or a workers' file) that breached Law 381 in the past: the facts are kept,
the breaches reported with their rule and period, and the compliance check shows them."""

from __future__ import annotations

import datetime as dt
import io
from itertools import count

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fragola.compliance.tests.scenario import check, coop
from fragola.governance.models import BoardSeat
from fragola.registry import services
from fragola.registry.importing import import_members
from fragola.registry.importing.columns import MEMBER_COLUMNS
from fragola.registry.models import Membership, Person
from fragola.testing.factories import natural_fiscal_code
from fragola.workforce.services.imports import WORKER_COLUMNS, import_workers

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)
START = dt.date(2018, 1, 10)
_serial = count(1)


def person(category: str, *, admitted: dt.date | None = START, exited: dt.date | None = None):
    n = next(_serial)
    first, last = "Anna", f"Rossi{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=n * 37)
    code = natural_fiscal_code(last_name=last, first_name=first, sex="F", birth_date=birth)
    row = {
        "category": category, "fiscal_code": code, "first_name": first, "last_name": last,
        "birth_date": birth.isoformat(), "sex": "F",
        "applied_on": (admitted or START).isoformat(),
        "shares_subscribed_eur": "25", "shares_paid_eur": "25",
    }  # fmt: skip
    if admitted:
        row.update(member_number=str(n), admitted_on=admitted.isoformat())
    if exited:
        row.update(exited_on=exited.isoformat(), exit_reason="withdrawal")
    return row


def many(n: int, category: str, **kwargs) -> list[dict[str, str]]:
    return [person(category, **kwargs) for _ in range(n)]


def book(rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(MEMBER_COLUMNS)]
    lines += [",".join(row.get(c, "") for c in MEMBER_COLUMNS) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def run(org, rows, **kwargs):
    return import_members(
        organisation=org, content=book(rows), filename="libro.csv", dry_run=False, today=TODAY,
        **kwargs,
    )  # fmt: skip


def periods(result, rule: str) -> list[tuple[dt.date, dt.date | None]]:
    return [(b.start, b.end) for b in result.breaches if b.rule == rule]


def status_on(org, day: dt.date, rule: str) -> str:
    _code, payload = check(org, day)
    return next(x["status"] for x in payload["results"] if x["rule"] == rule)


def test_volunteers_over_half_in_the_past_are_kept_and_reported():
    org = coop("A")
    fixed = dt.date(2021, 3, 1)
    rows = many(5, "lavoratore") + many(6, "volontario", exited=fixed) + many(3, "volontario")
    result = run(org, rows)
    assert result.ok, result.errors
    assert Membership.objects.filter(organisation=org).count() == 14
    assert periods(result, "L2.1") == [(START, fixed - dt.timedelta(days=1))]
    assert status_on(org, dt.date(2019, 6, 30), "L2.1") == "breach"
    assert status_on(org, TODAY, "L2.1") == "pass"


def test_a_breach_that_lasts_until_today_has_no_end_and_fails_the_check_today():
    org = coop("A")
    result = run(org, many(4, "lavoratore") + many(6, "volontario"))
    assert result.ok, result.errors
    assert periods(result, "L2.1") == [(START, None)]
    exit_code, _payload = check(org, TODAY)
    assert exit_code == 1


def test_supporters_over_a_third_of_votes_in_the_past():
    org = coop("A")
    left = dt.date(2020, 7, 1)
    rows = many(9, "lavoratore") + many(3, "sovventore") + many(3, "sovventore", exited=left)
    result = run(org, rows)
    assert result.ok, result.errors
    assert periods(result, "G3") == [(START, left - dt.timedelta(days=1))]
    assert status_on(org, dt.date(2019, 1, 1), "G3") == "breach"
    assert status_on(org, dt.date(2021, 1, 1), "G3") == "pass"


def test_too_few_members_for_over_a_year_in_the_past():
    org = coop("A")
    joined = dt.date(2020, 6, 1)
    rows = many(2, "lavoratore") + many(5, "lavoratore", admitted=joined)
    result = run(org, rows)
    assert result.ok, result.errors
    # Below 3 members (S.r.l., natural persons) since its founding in 2015: past the year to
    # restore them from the first day of the book.
    assert periods(result, "G1") == [(START, joined - dt.timedelta(days=1))]
    assert status_on(org, dt.date(2019, 12, 31), "G1") == "breach"


def test_volunteers_became_over_half_after_workers_left():
    org = coop("A")
    left = dt.date(2022, 9, 15)
    rows = many(5, "volontario") + many(3, "lavoratore") + many(3, "lavoratore", exited=left)
    result = run(org, rows)
    assert result.ok, result.errors
    assert periods(result, "L2.1") == [(left, None)]
    assert status_on(org, dt.date(2022, 9, 14), "L2.1") == "pass"


def test_a_board_without_a_cooperator_majority_in_the_past():
    org = coop("A")
    supporters = many(2, "sovventore")
    rows = many(9, "lavoratore") + supporters
    run(org, rows)
    board_end = dt.date(2020, 12, 31)
    for code in [
        supporters[0]["fiscal_code"],
        supporters[1]["fiscal_code"],
        rows[0]["fiscal_code"],
    ]:
        BoardSeat.objects.create(
            organisation=org, person=Person.objects.get(organisation=org, fiscal_code=code),
            role="director", started_on=dt.date(2018, 6, 1), ended_on=board_end,
        )  # fmt: skip
    again = run(org, rows)  # the same book again: nothing changes, the breaches are reported
    assert again.ok and again.unchanged == len(rows)
    [(start, end)] = periods(again, "G4")
    assert start <= dt.date(2018, 6, 30) and end is not None and end.year == 2021
    assert status_on(org, dt.date(2019, 6, 30), "G4") == "breach"


def _workers_file(rows: list[str]) -> bytes:
    return "\n".join([",".join(WORKER_COLUMNS), *rows]).encode()


def _worker(n: int, started: str, ended: str = "", category: str = "") -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n * 41)
    code = natural_fiscal_code(last_name=f"Verdi{n}", first_name="Lia", sex="F", birth_date=birth)
    certificate = f"{category},ASL Milano,2018-01-01," if category else ",,,"
    return f"{code},Lia,Verdi{n},B,employee,{started},{ended},38,{certificate}"


def test_a_type_b_coop_under_30_percent_disadvantaged_in_a_past_year():
    org = coop("B")
    hired = "2021-01-01"
    rows = [_worker(n, "2018-01-01") for n in range(10)]
    rows += [_worker(10 + n, "2018-01-01", category="physical") for n in range(1)]
    rows += [_worker(20 + n, hired, category="physical") for n in range(3)]
    result = import_workers(
        organisation=org, content=_workers_file(rows), filename="w.csv", dry_run=False,
        today=TODAY, source="fragola import workers",
    )  # fmt: skip
    assert result.ok, result.errors
    assert [b.start for b in result.breaches if b.rule == "L4.2"]
    assert status_on(org, dt.date(2019, 12, 31), "L4.2") == "breach"
    assert status_on(org, dt.date(2022, 12, 31), "L4.2") == "pass"


def test_a_workers_file_records_who_imported_it():
    org = coop("B")
    import_workers(
        organisation=org, content=_workers_file([_worker(1, "2019-01-01")]), filename="w.csv",
        dry_run=False, today=TODAY, source="fragola import workers",
    )  # fmt: skip
    reasons = set(Person.history.filter(organisation_id=org.pk).values_list(
        "history_change_reason", flat=True))  # fmt: skip
    assert reasons == {"fragola import workers"}


def test_data_errors_still_refuse_a_book_in_breach_whole():
    org = coop("A")
    rows = many(4, "lavoratore") + many(6, "volontario")
    rows[2] = {**rows[2], "fiscal_code": "RSSMRA80A01A794X"}
    rows[5] = {**rows[5], "admitted_on": "2017-01-01"}  # before the application
    result = run(org, rows)
    assert {(e.row, e.field) for e in result.errors} == {(4, "fiscal_code"), (7, "admitted_on")}
    assert not result.breaches
    assert not Membership.objects.filter(organisation=org).exists()


def test_after_the_import_new_changes_are_vetted_again():
    org = coop("A")
    fixed = dt.date(2021, 3, 1)
    result = run(
        org, many(5, "lavoratore") + many(2, "volontario", exited=fixed) + many(5, "volontario")
    )
    assert periods(result, "L2.1") == [(START, fixed - dt.timedelta(days=1))]
    applicant = services.membership_apply(
        organisation=org,
        person=Person.objects.create(
            organisation=org, kind="natural", fiscal_code="X", first_name="A", last_name="B"
        ),
        category="volontario",
        applied_on=TODAY,
    )
    with pytest.raises(ValidationError, match=r"L2\.1"):
        services.membership_admit(membership=applicant, admitted_on=TODAY)


def test_the_command_imports_a_book_in_breach_and_lists_its_breaches(tmp_path):
    org = coop("A")
    path = tmp_path / "libro.csv"
    path.write_bytes(book(many(4, "lavoratore") + many(6, "volontario")))
    out = io.StringIO()
    call_command("import", "members", "--coop", org.fiscal_code, str(path), stdout=out)
    assert "L2.1 from 2018-01-10 to today" in out.getvalue()
    reasons = set(Membership.history.filter(organisation_id=org.pk).values_list(
        "history_change_reason", flat=True))  # fmt: skip
    assert len(reasons) == 1 and reasons.pop().endswith("fragola import members")
