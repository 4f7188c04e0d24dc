"""The lists, reports and API lists of work integration take the same number of queries for one
row as for ten, apart from the log of sensitive reads: one row per certificate a page reads (see
``core.services.sensitive_read_log``), counted apart here (``fragola.testing.queries``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fragola.integration import services
from fragola.integration.services import work
from fragola.integration.tests.helpers import LONG_AGO, hire, project_for, today
from fragola.registry.models import Organisation
from fragola.testing.factories_apps import JobSiteFactory, TeamFactory, WorkContractFactory
from fragola.testing.queries import counted, one_and_ten

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> tuple[int, int]:
    """(queries other than the log of sensitive reads, rows written to that log)."""
    found = counted(client, url)
    return found.queries, found.logged


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


# The other lists, reports and API lists, one row added at a time (``fragola.testing.queries``).


def _disadvantaged(w) -> object:
    return hire(w.beta, disadvantaged=True)


def _planned(w) -> object:
    """A disadvantaged worker and a planned hire: a row more in the forecast's list of changes."""
    hire(w.beta, disadvantaged=True)
    return services.planned_change_add(
        organisation=w.beta, kind="hire", on=today() + dt.timedelta(days=40), disadvantaged=True
    )


def _project(w) -> object:
    return project_for(hire(w.beta, disadvantaged=True), tutor_id=w.tina.pk)


_PROJECT: dict[int, object] = {}


def _the_project(w) -> object:
    if w.beta.pk not in _PROJECT:
        _PROJECT[w.beta.pk] = _project(w)
    return _PROJECT[w.beta.pk]


def _review(w) -> object:
    return services.review_record(
        project=_the_project(w), scheduled_on=today(), held=True, outcome="Prosegue"
    )


def _on_the_team(w) -> object:
    """A disadvantaged worker on the team, with hours on its site today."""
    team = _the_team(w)
    employment = hire(w.beta, disadvantaged=True)
    work.team_assign(team=team, employment=employment, started_on=LONG_AGO)
    return work.site_timesheet_record(
        site=team.site, employment=employment, day=today(), hours=Decimal(6), today=today()
    )


_TEAM: dict[int, object] = {}


def _the_team(w):
    if w.beta.pk not in _TEAM:
        _TEAM[w.beta.pk] = TeamFactory(
            site=JobSiteFactory(contract=WorkContractFactory(organisation=w.beta))
        )
    return _TEAM[w.beta.pk]


def _month(w) -> tuple[int, int]:
    return today().year, today().month


API = "/api/v1/integration/organisations"

# what: (url, one row more, the answer grows with the rows, one log row per row shown)
LISTS = {
    "the ratio page and its planned changes": (
        lambda w: reverse("integration:ratio", args=[w.beta.pk]), _planned, True, False,
    ),
    "the relief as CSV": (
        lambda w: reverse("integration:relief_csv", args=[w.beta.pk, *_month(w)]),
        _disadvantaged, True, True,
    ),
    "the outcomes": (
        lambda w: reverse("integration:outcomes", args=[w.beta.pk]), _project, False, False,
    ),
    "a project's reviews": (
        lambda w: reverse("integration:project_detail", args=[w.beta.pk, _the_project(w).pk]),
        _review, True, False,
    ),
    "a team's members and hours": (
        lambda w: reverse("integration:team_detail", args=[w.beta.pk, _the_team(w).pk]),
        _on_the_team, True, True,
    ),
    "a job site's team members and hours": (
        lambda w: reverse("integration:site_detail", args=[w.beta.pk, _the_team(w).site.pk]),
        _on_the_team, True, True,
    ),
    "API: a job site's team members": (
        lambda w: f"{API}/{w.beta.pk}/job-sites/{_the_team(w).site.pk}", _on_the_team, False, True,
    ),
    "API: projects": (lambda w: f"{API}/{w.beta.pk}/projects", _project, True, True),
    "API: a project's reviews": (
        lambda w: f"{API}/{w.beta.pk}/projects/{_the_project(w).pk}", _review, True, False,
    ),
    "API: the ratio": (lambda w: f"{API}/{w.beta.pk}/ratio", _disadvantaged, False, False),
    "API: hires needed": (
        lambda w: f"{API}/{w.beta.pk}/hires-needed?until={today().year + 1}-12-31",
        _disadvantaged, False, False,
    ),
    "API: the relief": (
        lambda w: f"{API}/{w.beta.pk}/relief/{today().year}/{today().month}",
        _disadvantaged, True, True,
    ),
    "API: the outcomes": (lambda w: f"{API}/{w.beta.pk}/outcomes", _project, False, False),
    "API: job sites": (
        lambda w: f"{API}/{w.beta.pk}/job-sites",
        lambda w: JobSiteFactory(contract=WorkContractFactory(organisation=w.beta)), True, False,
    ),
    "API: a site's hours": (
        lambda w: f"{API}/{w.beta.pk}/job-sites/{_the_team(w).site.pk}/timesheets",
        _on_the_team, True, False,
    ),
}  # fmt: skip


@pytest.mark.parametrize("what", LISTS)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(world, what: str) -> None:
    _PROJECT.clear()
    _TEAM.clear()
    url, add, grows, logs_each_row = LISTS[what]
    client = Client()
    client.force_login(world.tina)
    one, ten = one_and_ten(client, lambda: url(world), lambda: add(world))
    assert len(ten.body) > len(one.body) if grows else True  # the nine rows more are shown
    assert one.queries == ten.queries
    assert ten.logged - one.logged == (9 if logs_each_row else 0)
