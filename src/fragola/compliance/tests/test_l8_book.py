"""L8 counts the consortium's whole member base: its book as well as its co-op links."""

import datetime as dt

import pytest

from fragola.compliance.adapter import evaluate_organisation
from fragola.registry.models import (
    ConsortiumMembership,
    MemberCategory,
    OrganisationType,
    PersonKind,
)
from fragola.testing.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 30)


def _l8(consortium):
    return next(x for x in evaluate_organisation(consortium, DAY) if x.rule == "L8")


def _legal_member(consortium, fiscal_code, name):
    person = PersonFactory(
        organisation=consortium,
        kind=PersonKind.LEGAL,
        fiscal_code=fiscal_code,
        legal_name=name,
        first_name="",
        last_name="",
        sex="",
        birth_date=None,
    )
    MembershipFactory(organisation=consortium, person=person, category=MemberCategory.LEGAL_PERSON)


@pytest.fixture
def consortium(world):
    third = OrganisationFactory(type=OrganisationType.A, name="Terza Cooperativa Sociale")
    ConsortiumMembership.objects.create(
        consortium=world.consortium, member=third, joined_on=dt.date(2015, 1, 1)
    )
    return world.consortium


def test_it_passes_l8_with_three_linked_social_coops(consortium):
    result = _l8(consortium)
    assert (result.status, result.numerator, result.denominator) == ("pass", 3, 3)


def test_it_counts_the_co_ops_in_the_book_only_once(world, consortium):
    _legal_member(consortium, world.alfa.fiscal_code, world.alfa.name)
    result = _l8(consortium)
    assert (result.numerator, result.denominator) == (3, 3)


def test_it_breaches_l8_when_other_members_bring_social_co_ops_below_70_percent(consortium):
    _legal_member(consortium, "00743110157", "Fondazione Esempio")
    _legal_member(consortium, "80016350169", "Comune di Esempio")
    result = _l8(consortium)
    assert (result.status, result.numerator, result.denominator) == ("breach", 3, 5)
