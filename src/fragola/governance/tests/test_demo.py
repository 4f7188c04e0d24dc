"""Governance's demo on a small co-op: a past assembly, a closed ranked poll, an open
consultation with users and families; on any day, twice over without doubling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fragola.governance import selectors
from fragola.governance.models import Assembly, AssemblyVoter, Poll, PollKind, PollStatus
from fragola.governance.services.assemblies import assembly_quorum
from fragola.governance.services.demo import governance_demo_load
from fragola.registry.models import MemberCategory
from fragola.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2024, 2, 29), dt.date(2025, 12, 31), None])
def test_it_holds_an_assembly_a_closed_ranked_poll_and_an_open_consultation(world, today):
    today = today or timezone.localdate()
    alfa = world.alfa
    for n in range(9):
        category = MemberCategory.USER if n % 3 == 0 else MemberCategory.WORKER
        MembershipFactory(organisation=alfa, category=category)
    assert governance_demo_load(organisations=[alfa, world.consortium], today=today) == 1
    assembly = Assembly.objects.get(organisation=alfa)
    assert assembly.held_on < today and assembly.convened_on is not None
    attending = AssemblyVoter.objects.filter(assembly=assembly).exclude(attendance="absent")
    assert attending.filter(attendance="proxy").count() == 1
    assert assembly_quorum(assembly).reached
    ranked = Poll.objects.get(organisation=alfa, kind=PollKind.RANKED)
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    assert ranked.status_at(now) == PollStatus.CLOSED
    result = selectors.poll_result(ranked)
    assert (result.method, result.turnout) == ("irv", 10)
    assert result.tally.winner or result.tally.tie
    consultation = Poll.objects.get(organisation=alfa, kind=PollKind.PROPOSAL)
    assert consultation.status_at(now) == PollStatus.OPEN
    assert consultation.category == MemberCategory.USER
    assert governance_demo_load(organisations=[alfa], today=today) == 0
    assert Poll.objects.filter(organisation=alfa).count() == 2
