"""What other apps read of the compliance engine: a co-op's facts for a user, a rule worded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import translation

from fragola.compliance.selectors import coop_facts, coop_finding
from fragola.compliance.tests.scenario import members, workers
from fragola_law import Status

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 30)


def test_it_reads_a_coops_facts_for_a_user_who_sees_it(world) -> None:
    members(world.beta, 3)
    workers(world.beta, 2)
    workers(world.beta, 1, disadvantaged=True)
    facts = coop_facts(user=world.tina, organisation=world.beta, as_of=DAY)
    assert facts.organisation == world.beta and facts.snapshot.as_of == DAY
    assert len(facts.snapshot.employments) == 3
    assert facts.snapshot.coop_id == str(world.beta.pk)


def test_it_is_a_404_for_a_user_who_does_not_see_the_coop(world) -> None:
    with pytest.raises(Http404):
        coop_facts(user=world.alice, organisation=world.beta, as_of=DAY)


def test_a_finding_is_worded_in_the_active_language_and_names_no_one(world) -> None:
    workers(world.beta, 2)
    workers(world.beta, 1, disadvantaged=True, expires_on=DAY + dt.timedelta(days=10))
    facts = coop_facts(user=world.tina, organisation=world.beta, as_of=DAY)
    with translation.override("en"):
        l4_2 = coop_finding(facts=facts, rule="L4.2")
        l4_4 = coop_finding(facts=facts, rule="L4.4")
    assert l4_2.result.rule == "L4.2" and l4_2.explanation.startswith("L4.2 (L. 381/1991")
    assert l4_4.result.status is Status.WARNING
    # The sentence a reader without the right to see disadvantaged workers gets: no ids.
    assert l4_4.explanation == (
        "L4.4 (L. 381/1991 art. 4(2); INPS circ. 296/1992): "
        "1 of 1 certificates expire within 60 days."
    )
