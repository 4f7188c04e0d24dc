"""Job sites, their teams and timesheets through the API: only Beta's administrator and tutor
(Tina), every certificate read logged; anyone else, another co-op's Charlie included, a 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fragola.core.models import SensitiveRead
from fragola.integration.models import TimesheetEntry
from fragola.integration.services import work
from fragola.integration.tests.helpers import hire, today

pytestmark = pytest.mark.django_db

BASE = "/api/v1/integration"


@pytest.fixture
def site(world):
    contract = work.work_contract_create(
        organisation=world.beta, client="Comune di Osio", object_kind="cleaning",
        value_net_of_vat=Decimal("40000"), started_on=dt.date(2025, 1, 1),
    )  # fmt: skip
    return work.job_site_create(contract=contract, name="Scuole", address="Via Roma 1")


@pytest.fixture
def team(site):
    return work.team_create(site=site, name="Squadra A")


def on_team(team, *, disadvantaged: bool = False):
    employment = hire(team.site.contract.organisation, disadvantaged=disadvantaged)
    work.team_assign(team=team, employment=employment, started_on=dt.date(2025, 1, 1))
    return employment


def test_the_tutor_lists_sites_and_reads_a_site_with_its_teams(world, client_for, site, team):
    on_team(team, disadvantaged=True)
    on_team(team)
    tina = client_for("tina")
    listed = tina.get(f"{BASE}/organisations/{world.beta.pk}/job-sites").json()
    assert [(row["id"], row["client"]) for row in listed["items"]] == [(site.pk, "Comune di Osio")]
    detail = tina.get(f"{BASE}/organisations/{world.beta.pk}/job-sites/{site.pk}").json()
    assert detail["teams"][0]["members"] == 2 and detail["teams"][0]["disadvantaged"] == 1
    assert SensitiveRead.objects.filter(purpose="job site (API)").count() == 1


@pytest.mark.parametrize("who", ["charlie", "sara", "alice"])
def test_others_get_a_404_and_nothing_is_read(world, client_for, site, team, who):
    worker = on_team(team, disadvantaged=True)
    client = client_for(who)
    base = f"{BASE}/organisations/{world.beta.pk}/job-sites"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}/{site.pk}").status_code == 404
    body = {"employment_id": worker.pk, "day": str(today()), "hours": "4"}
    posted = client.post(f"{base}/{site.pk}/timesheets", body, content_type="application/json")
    assert posted.status_code == 404
    assert not SensitiveRead.objects.exists() and not TimesheetEntry.objects.exists()


def test_the_tutor_records_hours_and_reads_the_month(world, client_for, site, team):
    worker = on_team(team)
    tina = client_for("tina")
    url = f"{BASE}/organisations/{world.beta.pk}/job-sites/{site.pk}/timesheets"
    body = {"employment_id": worker.pk, "day": str(today()), "hours": "6.5", "team_id": team.pk}
    created = tina.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert Decimal(created.json()["hours"]) == Decimal("6.5")
    month = tina.get(f"{url}?year={today().year}&month={today().month}").json()
    assert [(row["employment_id"], Decimal(row["total"])) for row in month] == [
        (worker.pk, Decimal("6.5"))
    ]


def test_too_many_hours_or_a_future_day_are_a_422_naming_the_field(world, client_for, site, team):
    worker = on_team(team)
    url = f"{BASE}/organisations/{world.beta.pk}/job-sites/{site.pk}/timesheets"
    body = {"employment_id": worker.pk, "day": str(today()), "hours": "25"}
    tina = client_for("tina")
    too_many = tina.post(url, body, content_type="application/json")
    assert [e["field"] for e in too_many.json()["detail"]] == ["hours"]
    future = {**body, "hours": "4", "day": str(today() + dt.timedelta(days=1))}
    assert [
        e["field"] for e in tina.post(url, future, content_type="application/json").json()["detail"]
    ] == ["day"]
    assert not TimesheetEntry.objects.exists()


def test_another_co_ops_worker_is_a_404(world, client_for, site):
    stranger = hire(world.gamma)
    url = f"{BASE}/organisations/{world.beta.pk}/job-sites/{site.pk}/timesheets"
    body = {"employment_id": stranger.pk, "day": str(today()), "hours": "4"}
    assert client_for("tina").post(url, body, content_type="application/json").status_code == 404


def test_the_site_list_costs_the_same_queries_for_more_sites(
    world, client_for, site, django_assert_max_num_queries
):
    tina = client_for("tina")
    url = f"{BASE}/organisations/{world.beta.pk}/job-sites"
    tina.get(url)
    for n in range(6):
        work.job_site_create(contract=site.contract, name=f"Sito {n}")
    with django_assert_max_num_queries(8):
        assert tina.get(url).json()["count"] == 7


CONTRACT = {
    "client": "Comune di Dalmine", "object_kind": "green_maintenance",
    "value_net_of_vat": "89500.50", "started_on": "2026-01-01", "ends_on": "2027-12-31",
    "site_name": "Parco Nord", "site_address": "Via Roma 1",
}  # fmt: skip


def test_the_tutor_creates_a_contract_with_its_site(world, client_for):
    url = f"{BASE}/organisations/{world.beta.pk}/job-sites"
    created = client_for("tina").post(url, CONTRACT, content_type="application/json")
    assert created.status_code == 201, created.content
    assert (created.json()["client"], created.json()["name"]) == ("Comune di Dalmine", "Parco Nord")
    for who in ("charlie", "alice"):
        denied = client_for(who).post(url, CONTRACT, content_type="application/json")
        assert denied.status_code == 404
    backwards = {**CONTRACT, "ends_on": "2025-12-31"}
    refused = client_for("tina").post(url, backwards, content_type="application/json")
    assert [e["field"] for e in refused.json()["detail"]] == ["ends_on"]
    assert client_for("tina").get(url).json()["count"] == 1


def test_the_tutor_reads_a_project_with_its_reviews_and_the_read_is_logged(world, client_for):
    from fragola.integration.tests.helpers import project_for, staff

    project = project_for(staff(world.beta, 3, 1)[0])
    url = f"{BASE}/organisations/{world.beta.pk}/projects/{project.pk}"
    detail = client_for("tina").get(url)
    assert detail.status_code == 200 and detail.json()["id"] == project.pk
    assert SensitiveRead.objects.filter(object_id=str(project.pk)).count() == 1
    assert client_for("charlie").get(url).status_code == 404
    assert SensitiveRead.objects.count() == 1
