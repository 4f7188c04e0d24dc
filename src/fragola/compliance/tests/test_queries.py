"""The compliance pages, alerts and reports take the same number of queries for one row as for
ten: a list that queried once per row (per alert, per worker, per member co-op) would show it
here. (The consortium board and the co-op page are also bounded in ``test_board_queries.py``.)

Reading which workers are disadvantaged is logged once per page (``core_sensitiveread``),
counted apart by ``fragola.testing.queries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fragola.compliance.models import ComplianceAlert
from fragola.compliance.services import compliance_scan
from fragola.compliance.tests.scenario import AS_OF, coop, members, workers
from fragola.registry.models import ConsortiumMembership, MemberCategory, Organisation
from fragola.testing.personas import World
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db


def _alert(w: World, organisation: Organisation) -> ComplianceAlert:
    """One more alert of ``organisation``, resolved: the L2.1 breach a scan found at Alfa."""
    found = ComplianceAlert.objects.filter(organisation=w.alfa, rule="L2.1").first()
    if found is None:
        members(w.alfa, 3, MemberCategory.VOLUNTEER)  # 3 volunteers against 1 worker
        compliance_scan(org_ids=[w.alfa.pk], today=AS_OF)
        found = ComplianceAlert.objects.get(organisation=w.alfa, rule="L2.1")
        if organisation == w.alfa:
            return found
    found.pk = None
    found.organisation = organisation
    found.resolved_at = timezone.now()
    found.save()
    return found


def _coop_in_breach(w: World) -> object:
    """A member co-op of the consortium in breach of L2.1, and an alert of the consortium."""
    org = coop()
    members(org, 1)
    members(org, 3, MemberCategory.VOLUNTEER)
    ConsortiumMembership.objects.create(
        consortium=w.consortium, member=org, joined_on=dt.date(2020, 1, 1)
    )
    return _alert(w, w.consortium)


def _expiring(w: World) -> object:
    """A disadvantaged worker of Beta whose certificate expires within the month (L4.4)."""
    return workers(w.beta, 1, disadvantaged=True, expires_on=AS_OF + dt.timedelta(days=20))


AS_OF_QUERY = f"?as_of={AS_OF.isoformat()}"

# what: (who, url, one row more)
PAGES: dict[str, tuple[str, Callable[[World], str], Callable[[World], object]]] = {
    "a co-op's alerts": (
        "alice",
        lambda w: reverse("compliance_alerts", args=[w.alfa.pk]),
        lambda w: _alert(w, w.alfa),
    ),
    "the consortium's alerts and its member co-ops in breach": (
        "sara",
        lambda w: reverse("compliance_alerts", args=[w.consortium.pk]),
        _coop_in_breach,
    ),
    "the consortium board": (
        "sara",
        lambda w: reverse("compliance_board", args=[w.consortium.pk]),
        _coop_in_breach,
    ),
    "a co-op's compliance": (
        "tina",
        lambda w: reverse("compliance", args=[w.beta.pk]) + AS_OF_QUERY,
        _expiring,
    ),
    "the report as CSV": (
        "tina",
        lambda w: reverse("compliance_csv", args=[w.beta.pk]) + AS_OF_QUERY,
        _expiring,
    ),
    "the report as PDF": (
        "tina",
        lambda w: reverse("compliance_pdf", args=[w.beta.pk]) + AS_OF_QUERY,
        _expiring,
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(
    world: World, client_for: Callable[[str], Client], page: str
) -> None:
    who, url, add = PAGES[page]
    one, ten = one_and_ten(client_for(who), url(world), lambda: add(world))
    assert len(ten.body) > len(one.body)  # the nine rows more are shown
    assert (one.queries, one.logged) == (ten.queries, ten.logged)
