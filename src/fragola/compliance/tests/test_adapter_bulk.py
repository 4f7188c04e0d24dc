"""The whole registry loaded at once gives every co-op the results it gets on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.compliance.adapter import evaluate_all, load_facts
from fragola.registry.models import MemberCategory, OrganisationType
from fragola.testing.factories import MembershipFactory, OrganisationFactory
from fragola.testing.factories_apps import DisadvantageCertificateFactory, EmploymentFactory
from fragola.workforce.models import Branch

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 30)
LEFT = dt.date(2026, 1, 1)  # the worker's first day off the book


def _details(results, rule):
    return next(x for x in results if x.rule == rule).details


@pytest.fixture
def workshop():
    """A type B co-op with a disadvantaged worker on the book until 2025, with no member flag."""
    org = OrganisationFactory(type=OrganisationType.B, name="Officina Cooperativa Sociale")
    member = MembershipFactory(organisation=org, exited_on=LEFT, exit_reason="withdrawal")
    EmploymentFactory(organisation=org, person=member.person, is_member=None)
    DisadvantageCertificateFactory(organisation=org, person=member.person)
    for _ in range(3):  # others, one flagged, one with a certificate of its own
        EmploymentFactory(organisation=org, is_member=False)
    certified = EmploymentFactory(organisation=org, is_member=True)
    DisadvantageCertificateFactory(organisation=org, person=certified.person)
    return org


def test_a_worker_without_a_member_flag_is_a_member_only_while_on_the_book(workshop):
    facts = load_facts([workshop.pk])  # one load, two dates: as the import report does
    before = evaluate_all(LEFT - dt.timedelta(days=1), [workshop.pk], facts=facts)
    after = evaluate_all(DAY, [workshop.pk], facts=facts)
    assert _details(before[workshop.pk], "L4.2")["disadvantaged_not_members"] == 0
    assert _details(after[workshop.pk], "L4.2")["disadvantaged_not_members"] == 1


def test_the_whole_registry_gives_each_co_op_the_results_it_gets_alone(world, workshop):
    mixed = OrganisationFactory(type=OrganisationType.AB, name="Mista Cooperativa Sociale")
    for branch in (Branch.A, Branch.B, Branch.B):
        job = EmploymentFactory(organisation=mixed, branch=branch, ended_on=dt.date(2025, 9, 30))
        DisadvantageCertificateFactory(
            organisation=mixed, person=job.person, expires_on=dt.date(2026, 7, 31)
        )
    # One person with two records (merged into one head), a volunteer member, a supporter.
    EmploymentFactory(organisation=mixed, person=job.person, started_on=dt.date(2025, 11, 1))
    MembershipFactory(organisation=mixed, category=MemberCategory.VOLUNTEER)
    MembershipFactory(organisation=mixed, category=MemberCategory.SUPPORTER)
    for day in (DAY, dt.date(2025, 12, 31), dt.date(2024, 2, 29)):
        everyone = evaluate_all(day)
        assert len(everyone) >= 5
        for org_id, results in everyone.items():
            alone = evaluate_all(day, [org_id])[org_id]
            assert results == alone
            assert [x.facts for x in results] == [x.facts for x in alone]
