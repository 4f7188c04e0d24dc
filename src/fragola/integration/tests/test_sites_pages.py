"""Client contracts, job sites, teams and timesheets through the pages (tina, tutor of Beta)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fragola.core.models import SensitiveRead
from fragola.integration import services
from fragola.integration.models import JobSite, Team, TeamAssignment, TimesheetEntry, WorkContract
from fragola.integration.services import work
from fragola.integration.tests.helpers import hire, today

pytestmark = pytest.mark.django_db

CONTRACT = {
    "client": "Comune di Dalmine", "object_kind": "green_maintenance",
    "description": "Manutenzione del verde", "value_net_of_vat": "89500.50",
    "started_on": "2026-01-01", "ends_on": "2027-12-31", "site_name": "Parco Nord",
    "site_address": "Via Roma 1",
}  # fmt: skip


def url(name: str, world, *args: int) -> str:
    return reverse(f"integration:{name}", args=[world.beta.pk, *args])


@pytest.fixture
def team(world):
    contract = work.work_contract_create(
        organisation=world.beta, client="Comune di Osio", object_kind="cleaning",
        value_net_of_vat=Decimal("40000"), started_on=dt.date(2025, 1, 1),
    )  # fmt: skip
    site = work.job_site_create(contract=contract, name="Scuole")
    return work.team_create(site=site, name="Squadra A")


def on_team(team: Team, *, disadvantaged: bool = False, last_name: str | None = None):
    employment = hire(team.site.contract.organisation, disadvantaged=disadvantaged,
                      last_name=last_name)  # fmt: skip
    work.team_assign(team=team, employment=employment, started_on=dt.date(2025, 1, 1))
    return employment


def test_a_tutor_creates_a_contract_with_its_site_and_a_team(world, client_for):
    tina = client_for("tina")
    response = tina.post(url("contract_new", world), CONTRACT)
    contract = WorkContract.objects.get()
    site = JobSite.objects.get()
    assert response.status_code == 302
    assert response.url == url("site_detail", world, site.pk)
    assert (contract.organisation, contract.client, contract.value_net_of_vat) == (
        world.beta,
        "Comune di Dalmine",
        Decimal("89500.50"),
    )
    assert (contract.ends_on, site.contract, site.address) == (
        dt.date(2027, 12, 31),
        contract,
        "Via Roma 1",
    )
    response = tina.post(url("team_add", world, site.pk), {"name": "Squadra Verde"})
    team = Team.objects.get()
    assert response.status_code == 302
    assert response.url == url("team_detail", world, team.pk)
    assert (team.site, team.name) == (site, "Squadra Verde")
    page = tina.get(url("site_detail", world, site.pk)).content.decode()
    assert "Comune di Dalmine" in page and "Squadra Verde" in page
    assert "Aggiungi una squadra" in page and "Registra le ore" in page  # in Italian
    assert "Parco Nord" in tina.get(url("sites", world)).content.decode()


def test_a_contract_that_ends_before_it_starts_or_has_no_site_is_refused(world, client_for):
    tina = client_for("tina")
    response = tina.post(url("contract_new", world), {**CONTRACT, "ends_on": "2025-12-31"})
    assert response.status_code == 422
    assert response.context["form"].errors["ends_on"] == [str(work.ERR_ENDS_BEFORE_START)]
    response = tina.post(url("contract_new", world), {**CONTRACT, "site_name": " "})
    assert response.status_code == 422
    assert "site_name" in response.context["form"].errors
    assert not WorkContract.objects.exists() and not JobSite.objects.exists()


def test_the_contract_and_site_service_creates_both_or_neither(world):
    with pytest.raises(ValidationError) as caught:
        work.contract_with_site_create(
            organisation=world.beta, client="", object_kind="cleaning",
            value_net_of_vat=Decimal("-1"), started_on=today(), site_name="",
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"client", "value_net_of_vat", "site_name"}
    assert not WorkContract.objects.exists()


def test_a_team_name_is_unique_on_its_site(world, client_for, team):
    response = client_for("tina").post(url("team_add", world, team.site_id), {"name": "squadra a"})
    assert response.status_code == 422
    assert response.context["team_form"].errors["name"] == [str(work.ERR_TEAM_NAME_TAKEN)]


def test_a_tutor_assigns_a_current_worker_and_sees_the_share(world, client_for, team):
    on_team(team)
    worker = hire(world.beta, disadvantaged=True, last_name="Verdi")
    tina = client_for("tina")
    response = tina.post(
        url("team_assign", world, team.pk),
        {"employment": worker.pk, "started_on": today().isoformat()},
    )
    assert response.status_code == 302
    assert TeamAssignment.objects.filter(team=team, employment=worker).exists()
    SensitiveRead.objects.all().delete()
    page = tina.get(url("team_detail", world, team.pk)).content.decode()
    assert "Verdi" in page and "50,0 %" in page
    assert SensitiveRead.objects.filter(user=world.tina, purpose="team page").count() == 1
    again = tina.post(
        url("team_assign", world, team.pk),
        {"employment": worker.pk, "started_on": today().isoformat()},
    )
    assert again.status_code == 422
    assert again.context["assign_form"].errors["employment"] == [str(work.ERR_ALREADY_ON_TEAM)]


def test_only_current_workers_of_the_coop_can_be_assigned(world, client_for, team):
    gone = hire(world.beta, end=today() - dt.timedelta(days=1))
    other = hire(world.gamma)
    tina = client_for("tina")
    for employment in (gone, other):
        response = tina.post(
            url("team_assign", world, team.pk),
            {"employment": employment.pk, "started_on": today().isoformat()},
        )
        assert response.status_code == 422
        assert "employment" in response.context["assign_form"].errors
    assert not TeamAssignment.objects.exists()


def test_a_tutor_records_hours_and_lists_them_per_worker_per_month(world, client_for, team):
    worker = on_team(team, last_name="Bianchi")
    tina = client_for("tina")
    day = today()
    response = tina.post(
        url("team_timesheet", world, team.pk),
        {"employment": worker.pk, "day": day.isoformat(), "hours": "6.5"},
    )
    assert response.status_code == 302
    response = tina.post(
        url("site_timesheet", world, team.site_id),
        {"employment": worker.pk, "day": (day - dt.timedelta(days=1)).isoformat(),
         "hours": "7.25"},
    )  # fmt: skip
    assert response.status_code == 302
    entries = TimesheetEntry.objects.filter(employment=worker, site=team.site).order_by("day")
    assert [e.hours for e in entries] == [Decimal("7.25"), Decimal("6.50")]
    month = tina.get(url("team_detail", world, team.pk), {"month": f"{day:%Y-%m}"})
    rows = month.context["month_rows"]
    expected = sum((e.hours for e in entries if e.day.month == day.month), Decimal(0))
    assert [(r.employment, r.total) for r in rows] == [(worker, expected)]
    assert "Bianchi" in month.content.decode()
    empty = tina.get(url("site_detail", world, team.site_id), {"month": "2024-01"})
    assert empty.context["month_rows"] == []


@pytest.mark.parametrize(
    ("hours", "days_ago", "field", "error"),
    [
        ("0", 0, "hours", services.ERR_DAY_HOURS),
        ("24.5", 0, "hours", services.ERR_DAY_HOURS),
        ("-3", 0, "hours", services.ERR_DAY_HOURS),
        ("8", -1, "day", work.ERR_FUTURE_DAY),
    ],
)
def test_bad_hours_are_refused_naming_the_field(
    world, client_for, team, hours, days_ago, field, error
):
    worker = on_team(team)
    day = today() - dt.timedelta(days=days_ago)
    response = client_for("tina").post(
        url("team_timesheet", world, team.pk),
        {"employment": worker.pk, "day": day.isoformat(), "hours": hours},
    )
    assert response.status_code == 422
    assert response.context["timesheet_form"].errors[field] == [str(error)]
    assert str(error) in response.content.decode()
    assert not TimesheetEntry.objects.exists()


def test_hours_need_the_worker_on_the_team_that_day(world, client_for, team):
    worker = hire(world.beta)
    work.team_assign(team=team, employment=worker, started_on=today())
    response = client_for("tina").post(
        url("site_timesheet", world, team.site_id),
        {"employment": worker.pk, "day": (today() - dt.timedelta(days=3)).isoformat(),
         "hours": "5"},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.context["timesheet_form"].errors["employment"] == [str(work.ERR_NOT_ON_SITE)]
    other_team = work.team_create(site=team.site, name="Squadra B")
    response = client_for("tina").post(
        url("team_timesheet", world, other_team.pk),
        {"employment": worker.pk, "day": today().isoformat(), "hours": "5"},
    )
    assert response.status_code == 422
    assert "employment" in response.context["timesheet_form"].errors
    assert not TimesheetEntry.objects.exists()


@pytest.mark.parametrize("who", ["bob", "sara", "charlie"])
def test_everyone_else_gets_a_404(world, client_for, team, who):
    worker = on_team(team, disadvantaged=True, last_name="Neri")
    site, today_ = team.site_id, today().isoformat()
    client = client_for(who)
    gets = [url("sites", world), url("contract_new", world), url("site_detail", world, site),
            url("team_detail", world, team.pk)]  # fmt: skip
    for page in gets:
        response = client.get(page)
        assert response.status_code == 404, page
        assert "Neri" not in response.content.decode()
    posts = [
        (url("contract_new", world), CONTRACT),
        (url("team_add", world, site), {"name": "Intrusi"}),
        (url("team_assign", world, team.pk), {"employment": worker.pk, "started_on": today_}),
        (url("team_timesheet", world, team.pk),
         {"employment": worker.pk, "day": today_, "hours": "4"}),
        (url("site_timesheet", world, site),
         {"employment": worker.pk, "day": today_, "hours": "4"}),
    ]  # fmt: skip
    for page, data in posts:
        assert client.post(page, data).status_code == 404, page
    assert WorkContract.objects.count() == 1 and Team.objects.count() == 1
    assert TeamAssignment.objects.count() == 1 and not TimesheetEntry.objects.exists()
    assert not SensitiveRead.objects.exists()


def test_a_site_of_another_coop_is_not_found_under_this_one(world, client_for, team):
    response = client_for("charlie").get(
        reverse("integration:site_detail", args=[world.gamma.pk, team.site_id])
    )
    assert response.status_code == 404
