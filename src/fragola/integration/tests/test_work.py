"""Starting a project from the page; job sites with teams and their disadvantaged share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from fragola.core.models import SensitiveRead
from fragola.integration import selectors, services
from fragola.integration.models import IntegrationProject
from fragola.integration.services import work
from fragola.integration.tests.helpers import hire, staff, today

pytestmark = pytest.mark.django_db


def test_a_tutor_starts_a_project_for_a_current_worker(world, client_for):
    worker = staff(world.beta, 2, 1)[0]
    response = client_for("tina").post(
        reverse("integration:project_new", args=[world.beta.pk]),
        {"employment": worker.pk, "referring_service": "csm", "referrer_name": "dott. Rota",
         "tutor": world.tina.pk, "goals": "Puntualità", "weekly_hours": "25.5",
         "started_on": "2026-01-12"},
    )  # fmt: skip
    project = IntegrationProject.objects.get()
    assert response.status_code == 302
    assert (project.person_id, project.tutor_id) == (worker.person_id, world.tina.pk)
    assert project.weekly_hours == Decimal("25.5")


def test_teams_show_their_disadvantaged_share_and_hours(world, client_for):
    disadvantaged = staff(world.beta, 0, 2)
    others = [hire(world.beta) for _ in range(3)]
    contract = work.work_contract_create(
        organisation=world.beta, client="Comune di Dalmine", object_kind="green_maintenance",
        value_net_of_vat=Decimal("90000"), started_on=dt.date(2025, 1, 1),
    )  # fmt: skip
    site = work.job_site_create(contract=contract, name="Parco Nord")
    team = work.team_create(site=site, name="Squadra A")
    for employment in [*disadvantaged, *others[:2]]:
        work.team_assign(team=team, employment=employment, started_on=dt.date(2025, 1, 1))
    services.timesheet_record(
        employment=others[0], day=today(), hours=Decimal("6.5"), site_id=site.pk
    )
    _, rows = selectors.team_list(
        user=world.tina, organisation_id=world.beta.pk, day=today(), purpose="test"
    )
    assert [(r.members, r.disadvantaged, r.share, r.hours_week) for r in rows] == [
        (4, 2, Fraction(1, 2), Decimal("6.50"))
    ]
    assert SensitiveRead.objects.filter(user=world.tina).count() == 2
    page = client_for("tina").get(reverse("integration:sites", args=[world.beta.pk]))
    assert "50,0 %" in page.content.decode()
