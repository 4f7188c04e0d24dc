"""The lists and reports of work integration take the same number of queries for one row as for
ten, apart from the log of sensitive reads: one row per certificate a page reads (see
``core.services.sensitive_read_log``), counted apart here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fragola.integration.services import work
from fragola.integration.tests.helpers import LONG_AGO, hire
from fragola.registry.models import Organisation
from fragola.testing.factories_apps import JobSiteFactory, TeamFactory, WorkContractFactory

pytestmark = pytest.mark.django_db


LOG_INSERT = 'INSERT INTO "core_sensitiveread"'


def _queries(client: Client, url: str) -> tuple[int, int]:
    """(queries other than the log of sensitive reads, rows written to that log)."""
    client.get(url)  # warm the caches a second visit would have (session, permissions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    logged = sum(1 for q in queries.captured_queries if q["sql"].startswith(LOG_INSERT))
    return len(queries) - logged, logged


def _counts(
    world, page: str, add: Callable[[Organisation, int], object], args=None
) -> list[tuple[int, int]]:
    client = Client()
    client.force_login(world.tina)
    counts = []
    made = 0
    for rows in (1, 10):
        context = add(world.beta, rows - made)
        made = rows
        url = reverse(f"integration:{page}", args=args(world, context) if args else [world.beta.pk])
        counts.append(_queries(client, url))
    return counts


def _sites(coop: Organisation, n: int) -> None:
    contract = WorkContractFactory(organisation=coop)
    for _ in range(n):
        JobSiteFactory(contract=contract)


_SITE = {}


def _teams(coop: Organisation, n: int) -> object:
    if coop.pk not in _SITE:
        _SITE[coop.pk] = JobSiteFactory(contract=WorkContractFactory(organisation=coop))
    site = _SITE[coop.pk]
    for _ in range(n):
        team = TeamFactory(site=site)
        work.team_assign(team=team, employment=hire(coop, disadvantaged=True), started_on=LONG_AGO)
    return site


def _workers(coop: Organisation, n: int) -> None:
    for _ in range(n):
        hire(coop, disadvantaged=True)


def test_the_job_sites_list(world) -> None:
    one, ten = _counts(world, "sites", _sites)
    assert one == ten and one[1] == 0


def test_a_job_site_with_its_teams(world) -> None:
    _SITE.clear()
    one, ten = _counts(world, "site_detail", _teams, args=lambda w, site: [w.beta.pk, site.pk])
    assert one[0] == ten[0]
    assert (one[1], ten[1]) == (1, 10)  # each team's share reads its member's certificate


@pytest.mark.parametrize("page", ["relief", "public_value"])
def test_the_reports_on_disadvantaged_workers(world, page: str) -> None:
    one, ten = _counts(world, page, _workers)
    assert one[0] == ten[0]
    assert (one[1], ten[1]) == (1, 10)  # one certificate read per worker shown
