"""The planner in a real browser: plan a week, move a visit, publish, repair after an absence."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.care.models import Visit, VisitStatus
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.planning.tests.conftest import IMMEDIATE, build_planning_world
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def planning(world, settings, monkeypatch):
    from fragola.planning.services import execute

    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(execute, "SLICES", 2)
    return build_planning_world(world)


def test_a_coordinator_plans_moves_publishes_and_repairs(page, planning):
    alfa = planning.world.alfa
    log_in(page, "bob", PASSWORD)
    page.goto(f"{page.base_url}/org/{alfa.pk}/planning/")
    page.fill("#start-run-form [name=start]", planning.start.isoformat())
    page.fill("#start-run-form [name=time_limit]", "2")
    page.click("#start-run-form button")
    page.wait_for_selector("#timeline .tl-block")
    run = PlanningRun.objects.get(kind=RunKind.PLAN)
    assert run.status == RunStatus.DONE and run.progress == 100
    assert page.locator("#cost").is_visible()

    # Move Maria's morning care to 12:30: the effect on the cost first, then confirm.
    row = page.locator("#plan-list .plan-row", has_text="Rossi Maria").first
    row.locator(".move-button").click()
    page.fill("#move-form [name=time]", "12:30")
    page.click("#preview-move")
    page.wait_for_selector("#move-effect")
    assert "+" in page.locator("#move-effect").inner_text()
    page.click("#confirm-move")
    page.wait_for_selector("#plan-list .plan-row:has-text('12:30')")
    moved = PlannedAssignment.objects.filter(run=run, late_minutes__gt=0)
    assert moved.exists()

    page.click("#publish")
    page.wait_for_selector("#repair-form")
    run.refresh_from_db()
    assert run.status == RunStatus.ACCEPTED
    day = planning.start + dt.timedelta(days=2)
    victim = Visit.objects.filter(day=day, status=VisitStatus.ASSIGNED, is_volunteer_task=False)
    carer = victim.first().carer
    theirs = set(victim.filter(carer=carer).values_list("pk", flat=True))

    page.select_option("#repair-form [name=carer]", str(carer.pk))
    page.fill("#repair-form [name=day]", day.isoformat())
    page.click("#repair-form button")
    page.wait_for_selector("#changes .change")
    page.click("#accept-repair")
    page.wait_for_selector("#run-badge")
    repair = PlanningRun.objects.get(kind=RunKind.REPAIR)
    assert repair.status == RunStatus.ACCEPTED
    assert not Visit.objects.filter(pk__in=theirs, carer=carer).exists()
