"""What-if before saving: a change that would newly breach a rule is refused, or overridden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from fragola.compliance.models import ChangeKind, ComplianceOverride
from fragola.compliance.tests.scenario import SINCE, coop, members, workers
from fragola.registry import services as registry
from fragola.registry.models import MemberCategory, Membership, OrganisationType
from fragola.testing.factories import MembershipFactory
from fragola.workforce import services as workforce
from fragola.workforce.models import Employment

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 30)


def _applicant(org, category=MemberCategory.VOLUNTEER) -> Membership:
    return MembershipFactory(
        organisation=org,
        category=category,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2026, 6, 1),
    )


def _half_volunteers(org) -> None:
    members(org, 5)
    members(org, 5, MemberCategory.VOLUNTEER)


def test_it_refuses_a_volunteer_over_half_of_members(world):
    _half_volunteers(world.alfa)  # plus alfa_member: 6 workers, 5 volunteers
    members(world.alfa, 1, MemberCategory.VOLUNTEER)
    applicant = _applicant(world.alfa)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        registry.membership_admit(membership=applicant, admitted_on=ON, actor=world.alice)
    message = " ".join(exc.value.message_dict["admitted_on"])
    assert message.startswith("L2.1: ")
    assert "7 volunteer members out of 13" in message
    applicant.refresh_from_db()
    assert applicant.admitted_on is None
    assert not ComplianceOverride.objects.exists()


def test_it_explains_the_refusal_in_italian_by_default(world):
    _half_volunteers(world.alfa)
    members(world.alfa, 1, MemberCategory.VOLUNTEER)
    with translation.override("it"), pytest.raises(ValidationError) as exc:
        registry.membership_admit(
            membership=_applicant(world.alfa), admitted_on=ON, actor=world.alice
        )
    assert "soci volontari su" in " ".join(exc.value.message_dict["admitted_on"])


def test_it_saves_with_an_override_reason_and_records_it(world):
    _half_volunteers(world.alfa)
    members(world.alfa, 1, MemberCategory.VOLUNTEER)
    applicant = _applicant(world.alfa)
    registry.membership_admit(
        membership=applicant,
        admitted_on=ON,
        actor=world.alice,
        override_reason="Two worker members join next week",
    )
    applicant.refresh_from_db()
    assert applicant.admitted_on == ON
    override = ComplianceOverride.objects.get()
    assert (override.actor, override.rules) == (world.alice, ["L2.1"])
    assert override.change_kind == ChangeKind.ADMIT
    assert override.reason == "Two worker members join next week"
    assert override.object_id == str(applicant.pk)


def test_it_admits_a_volunteer_who_keeps_half(world):
    members(world.alfa, 1)  # alfa_member and this: 2 workers, 1 volunteer after admission
    applicant = _applicant(world.alfa)
    registry.membership_admit(membership=applicant, admitted_on=ON, actor=world.alice)
    applicant.refresh_from_db()
    assert applicant.admitted_on == ON


def test_it_refuses_a_worker_exit_that_leaves_volunteers_over_half(world):
    book = members(world.alfa, 4)
    members(world.alfa, 5, MemberCategory.VOLUNTEER)  # 5 workers with alfa_member, 5 volunteers
    with pytest.raises(ValidationError) as exc:
        registry.membership_exit(
            membership=book[0], exited_on=ON, reason="withdrawal", actor=world.alice
        )
    assert "L2.1" in " ".join(exc.value.message_dict["exited_on"])
    book[0].refresh_from_db()
    assert book[0].exited_on is None


def test_it_refuses_ending_a_disadvantaged_contract_below_30_percent():
    org = coop(OrganisationType.B)
    members(org, 9)
    workers(org, 12)
    leaving = workers(org, 4, disadvantaged=True)[0]
    end = dt.date.today()
    with pytest.raises(ValidationError) as exc:
        workforce.employment_end(employment=leaving, ended_on=end - dt.timedelta(days=400))
    assert "L4.2" in " ".join(exc.value.message_dict["ended_on"])
    assert Employment.objects.get(pk=leaving.pk).ended_on is None
    workforce.employment_end(
        employment=leaving, ended_on=end - dt.timedelta(days=400), override_reason="Retired"
    )
    assert ComplianceOverride.objects.get().change_kind == ChangeKind.END


def test_it_refuses_a_hire_that_breaches_l4_2_over_the_year():
    org = coop(OrganisationType.B)
    members(org, 9)
    workers(org, 13)
    workers(org, 4, disadvantaged=True)  # 4 / 13 = 30.8 %; one more other worker: 28.6 %
    newcomer = MembershipFactory(organisation=org, admitted_on=SINCE).person
    data = workforce.EmploymentData(started_on=dt.date(2025, 1, 1), branch="B", contract="employee")
    with pytest.raises(ValidationError) as exc:
        workforce.employment_start(organisation=org, person=newcomer, data=data)
    assert "L4.2" in " ".join(exc.value.message_dict["started_on"])
    assert not Employment.objects.filter(person=newcomer).exists()
