"""Fragola works on every day: fiscal codes of every birth date, and the demo built on any date."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from fragola.core.italy.codes import ERR_FISCAL_CODE_BIRTH_DATE, validate_person_fiscal_code
from fragola.demo.catalogue import COOPS, SEED
from fragola.demo.names import fiscal_code
from fragola.demo.services import (
    _consortium_book,
    _coop_book,
    _join_consortium,
    _organisations,
    _staff_people,
    _territory,
)
from fragola.registry.importing import import_members
from fragola.registry.models import Membership, Organisation, OrganisationType, PersonKind
from fragola.registry.services import PersonData, person_upsert
from fragola.testing import factories

LEAP_DAY_2000 = dt.date(2000, 2, 29)
LEAP_DAY_2000_CODE = "RSSPLA00B69A794Q"  # Paola Rossi, born in Bergamo on 29 February 2000


def _code(born: dt.date, sex: str) -> str:
    first = "Paola" if sex == "F" else "Paolo"
    return fiscal_code(last_name="Rossi", first_name=first, sex=sex, birth=born, place="A794")


def test_it_accepts_the_fiscal_code_of_every_birth_date_from_1900_to_today():
    day, last = dt.date(1900, 1, 1), dt.date.today()
    refused = []
    while day <= last:
        for sex in ("F", "M"):
            code = _code(day, sex)
            try:
                validate_person_fiscal_code(
                    kind=PersonKind.NATURAL, fiscal_code=code, birth_date=day, sex=sex
                )
            except ValidationError:
                refused.append((day, sex, code))
        day += dt.timedelta(days=1)
    assert refused == []


def test_it_accepts_a_person_born_on_29_february_2000():
    assert _code(LEAP_DAY_2000, "F") == LEAP_DAY_2000_CODE
    code = validate_person_fiscal_code(
        kind=PersonKind.NATURAL, fiscal_code=LEAP_DAY_2000_CODE, birth_date=LEAP_DAY_2000, sex="F"
    )
    assert code == LEAP_DAY_2000_CODE


@pytest.mark.parametrize(
    "birth_date", [dt.date(1900, 3, 1), dt.date(1900, 2, 28), dt.date(2100, 2, 28)]
)
def test_it_names_the_birth_date_when_the_leap_day_code_does_not_match(birth_date):
    with pytest.raises(ValidationError) as caught:
        validate_person_fiscal_code(
            kind=PersonKind.NATURAL, fiscal_code=LEAP_DAY_2000_CODE, birth_date=birth_date, sex="F"
        )
    assert caught.value.message_dict == {"birth_date": [str(ERR_FISCAL_CODE_BIRTH_DATE)]}


def test_it_keeps_a_century_apart_the_same_day_and_month():
    born_1925 = _code(dt.date(1925, 7, 4), "M")
    validate_person_fiscal_code(
        kind=PersonKind.NATURAL, fiscal_code=born_1925, birth_date=dt.date(2025, 7, 4), sex="M"
    )  # the code has two digits of the year: both centuries match it
    with pytest.raises(ValidationError):
        validate_person_fiscal_code(
            kind=PersonKind.NATURAL, fiscal_code=born_1925, birth_date=dt.date(1926, 7, 4)
        )


@pytest.mark.django_db
def test_it_saves_a_person_born_on_29_february_2000_from_the_form_service():
    coop = factories.OrganisationFactory(type=OrganisationType.A)
    person = person_upsert(
        organisation=coop,
        data=PersonData(
            kind=PersonKind.NATURAL,
            fiscal_code=LEAP_DAY_2000_CODE,
            first_name="Paola",
            last_name="Rossi",
            birth_date=LEAP_DAY_2000,
            sex="F",
        ),
    )
    assert person.birth_date == LEAP_DAY_2000


@pytest.mark.django_db
def test_it_imports_a_member_born_on_29_february_2000():
    coop = factories.OrganisationFactory(type=OrganisationType.A)
    book = (
        "member_number,category,fiscal_code,first_name,last_name,birth_date,sex,"
        "applied_on,admitted_on,shares_subscribed_eur,shares_paid_eur\n"
        f"1,lavoratore,{LEAP_DAY_2000_CODE},Paola,Rossi,2000-02-29,F,"
        "2024-01-10,2024-02-01,250.00,250.00\n"
    )
    result = import_members(
        organisation=coop, content=book.encode(), filename="book.csv", dry_run=False
    )
    assert result.errors == []
    assert Membership.objects.get(organisation=coop).person.birth_date == LEAP_DAY_2000


def _days_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days)]


@pytest.mark.django_db
def test_it_builds_the_demo_people_and_books_on_every_day_of_a_leap_year():
    """Every person the demo makes is checked as the services check it; no day may fail."""
    territory = _territory()
    with transaction.atomic():
        organisations = _organisations(territory)
        joined = _join_consortium(organisations, random.Random(SEED))
    failures: dict[dt.date, str] = {}
    for today in _days_of(2028):
        rng = random.Random(SEED)
        try:
            entries = []
            for spec in COOPS:
                entries += _coop_book(spec, organisations[spec.key], territory, rng, today)
            entries += _consortium_book(organisations, joined, territory, rng, today)
            _staff_people(organisations, territory, rng, today)
        except (ValidationError, ValueError, AssertionError) as exc:
            failures[today] = repr(exc)
            continue
        for entry in entries:
            _check_entry_dates(entry.membership, entry.person.birth_date, today, failures)
    assert failures == {}
    assert Organisation.objects.count() == len(COOPS) + 1


def _check_entry_dates(
    membership: Membership, born: dt.date | None, today: dt.date, failures: dict[dt.date, str]
) -> None:
    admitted, exited = membership.admitted_on, membership.exited_on
    if born is not None and born >= today:
        failures[today] = f"born in the future: {born}"
    if membership.applied_on > today or (admitted and not membership.applied_on <= admitted):
        failures[today] = f"applied {membership.applied_on}, admitted {admitted}"
    if admitted and (admitted > today or (exited and not admitted <= exited <= today)):
        failures[today] = f"admitted {admitted}, exited {exited}"
