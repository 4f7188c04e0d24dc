"""Vetting and saving are one step per co-op: a broken rule keeps blocking, numbers never clash.

The races run on PostgreSQL, where two connections really do work at the same time (SQLite's
transactions start with the database's write lock, so it cannot interleave them at all).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from fragola.compliance.tests.scenario import members
from fragola.core import vetting
from fragola.registry import services as registry
from fragola.registry.models import MemberCategory, Membership, Organisation
from fragola.registry.services import ERR_NUMBER_TAKEN
from fragola.testing.factories import MembershipFactory

ON = dt.date(2026, 6, 30)
SUPPORTER = MemberCategory.SUPPORTER


def _applicant(org: Organisation, category: str = SUPPORTER) -> Membership:
    return MembershipFactory(
        organisation=org,
        category=category,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2026, 6, 1),
    )


@pytest.mark.django_db
def test_it_keeps_refusing_supporters_once_they_hold_over_a_third_of_votes(world):
    members(world.alfa, 5)  # with alfa_member: 6 workers
    members(world.alfa, 4, SUPPORTER)  # 4 of 10 votes: G3 broken already (an import, say)
    applicant = _applicant(world.alfa)
    with pytest.raises(ValidationError) as exc:
        registry.membership_admit(membership=applicant, admitted_on=ON, actor=world.alice)
    assert " ".join(exc.value.message_dict["admitted_on"]).startswith("G3: ")
    applicant.refresh_from_db()
    assert applicant.admitted_on is None


@pytest.mark.django_db
def test_it_admits_a_worker_who_brings_a_broken_g3_back_towards_its_limit(world):
    members(world.alfa, 5)
    members(world.alfa, 4, SUPPORTER)
    applicant = _applicant(world.alfa, MemberCategory.WORKER)
    registry.membership_admit(membership=applicant, admitted_on=ON, actor=world.alice)
    applicant.refresh_from_db()
    assert applicant.admitted_on == ON


class NumberThief:
    """A vetter that lets a writer which takes no lock grab the number in the meantime."""

    def __init__(self, organisation: Organisation, number: int) -> None:
        self.organisation, self.number = organisation, number

    def vet(self, change: vetting.PlannedChange, **_: object) -> None:
        MembershipFactory(organisation=self.organisation, member_number=self.number)

    def recheck(self, organisation_id: int) -> None:
        return None

    def breaches_on(self, organisation_id: int, days: object, beat: object) -> list[dict[str, str]]:
        return []


@pytest.mark.django_db
def test_it_gives_a_field_error_when_the_number_is_taken_while_admitting(world, monkeypatch):
    applicant = _applicant(world.alfa, MemberCategory.WORKER)
    monkeypatch.setattr(vetting, "installed_vetter", lambda: NumberThief(world.alfa, 77))
    with pytest.raises(ValidationError) as exc:
        registry.membership_admit(membership=applicant, admitted_on=ON, member_number=77)
    assert exc.value.message_dict["member_number"] == [str(ERR_NUMBER_TAKEN)]
    applicant.refresh_from_db()
    assert applicant.member_number is None


def _at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run ``calls`` in threads started together; each outcome is a value or the exception."""
    outcomes: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = calls[index]()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite cannot run two writers at once"
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_supporters_in_at_the_g3_limit(world):
    members(world.alfa, 5)
    members(world.alfa, 2, SUPPORTER)  # 2 of 8; one more is 3 of 9 (a third), two more break G3
    first, second = _applicant(world.alfa), _applicant(world.alfa)
    outcomes = _at_once(
        [
            lambda: registry.membership_admit(membership=first, admitted_on=ON),
            lambda: registry.membership_admit(membership=second, admitted_on=ON),
        ]
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    assert " ".join(refused[0].message_dict["admitted_on"]).startswith("G3: ")
    admitted = Membership.objects.filter(organisation=world.alfa, category=SUPPORTER)
    assert admitted.exclude(admitted_on=None).count() == 3


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_gives_one_of_two_simultaneous_admissions_on_one_number_a_field_error(world):
    first = _applicant(world.alfa, MemberCategory.WORKER)
    second = _applicant(world.alfa, MemberCategory.WORKER)
    outcomes = _at_once(
        [
            lambda: registry.membership_admit(membership=first, admitted_on=ON, member_number=50),
            lambda: registry.membership_admit(membership=second, admitted_on=ON, member_number=50),
        ]
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert [e.message_dict for e in refused] == [{"member_number": [str(ERR_NUMBER_TAKEN)]}]
    assert next(o for o in outcomes if isinstance(o, Membership)).member_number == 50
