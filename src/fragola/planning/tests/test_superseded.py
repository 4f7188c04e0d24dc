"""Out-of-date proposals: publishing closes the older open proposals of an overlapping period,
and an older proposal is never published over a newer published plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fragola.care.models import Visit, VisitStatus
from fragola.planning import services
from fragola.planning.models import PlanningRun, RunStatus
from fragola.planning.services.stale import ERR_STALE
from fragola.planning.tests.test_runs import plan_week

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


def stale_start() -> str:
    """The start of the refusal in the active language ("This proposal is out of date")."""
    return str(ERR_STALE).split(":")[0]


def queued(planning, start: dt.date | None = None, days: int = 7) -> PlanningRun:
    """A run started but not executed yet (its task runs only when the test says so)."""
    start = start or planning.start
    return services.planning_run_start(
        organisation=planning.world.alfa,
        start=start,
        end=start + dt.timedelta(days=days - 1),
        actor=planning.world.bob,
        time_limit=1,
    )


def publish(run: PlanningRun, planning, capture) -> int:
    with capture(execute=True):
        return services.planning_run_publish(run=run, by=planning.world.bob)


def test_publishing_closes_the_older_proposals_of_an_overlapping_period(
    planning, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    elsewhere = queued(planning, start=planning.end + dt.timedelta(days=1))
    services.planning_run_execute(run=elsewhere)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    older.refresh_from_db()
    elsewhere.refresh_from_db()
    assert older.status == RunStatus.SUPERSEDED and older.superseded_by_id == newer.pk
    assert elsewhere.status == RunStatus.DONE  # another week: still open


def test_a_closed_proposal_is_refused_and_leaves_the_visits_alone(
    planning, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    published = dict(Visit.objects.values_list("pk", "carer_id"))
    older.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        publish(older, planning, django_capture_on_commit_callbacks)
    assert stale_start() in " ".join(refused.value.messages)
    assert dict(Visit.objects.values_list("pk", "carer_id")) == published


def test_a_run_that_finishes_after_a_newer_plan_was_published_is_born_superseded(
    planning, monkeypatch, django_capture_on_commit_callbacks
):
    from fragola.planning.services import runs

    # One run at a time per co-op makes this rare (runs queued before that limit, a run
    # started from the shell): the guard must hold all the same.
    monkeypatch.setattr(runs, "refuse_if_busy", lambda organisation: None)
    slow = queued(planning)  # still waiting for the worker...
    quick = plan_week(planning, django_capture_on_commit_callbacks)
    publish(quick, planning, django_capture_on_commit_callbacks)
    services.planning_run_execute(run=slow)  # ...and done only now
    slow.refresh_from_db()
    assert slow.status == RunStatus.SUPERSEDED and slow.superseded_by_id == quick.pk
    with pytest.raises(ValidationError):
        publish(slow, planning, django_capture_on_commit_callbacks)


def test_an_old_ready_proposal_is_refused_even_if_it_was_never_closed(
    planning, django_capture_on_commit_callbacks
):
    """Proposals left ready before closing existed: the check at publishing still holds."""
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    PlanningRun.objects.filter(pk=older.pk).update(status=RunStatus.DONE, superseded_by=None)
    with pytest.raises(ValidationError):
        publish(older, planning, django_capture_on_commit_callbacks)


def test_a_newer_proposal_can_still_be_published_after_an_older_one(
    planning, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(older, planning, django_capture_on_commit_callbacks)
    newer.refresh_from_db()
    assert newer.status == RunStatus.DONE
    assert publish(newer, planning, django_capture_on_commit_callbacks) > 0


def test_accepting_a_repair_closes_the_older_proposals_of_that_day(
    planning, django_capture_on_commit_callbacks
):
    published = plan_week(planning, django_capture_on_commit_callbacks)
    publish(published, planning, django_capture_on_commit_callbacks)
    pending = plan_week(planning, django_capture_on_commit_callbacks)
    day = planning.start + dt.timedelta(days=2)
    carer = Visit.objects.filter(day=day, status=VisitStatus.ASSIGNED).first().carer
    with django_capture_on_commit_callbacks(execute=True):
        repair = services.planning_repair_start(
            organisation=planning.world.alfa, carer=carer, day=day, actor=planning.world.bob
        )
    repair.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.planning_repair_accept(run=repair, by=planning.world.bob)
    pending.refresh_from_db()
    # Publishing it would give the absent carer their visits back.
    assert pending.status == RunStatus.SUPERSEDED and pending.superseded_by_id == repair.pk


def test_the_board_of_a_closed_proposal_says_why_and_offers_no_publishing(
    planning, care_client, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    client = care_client("bob")
    url = f"/org/{older.organisation_id}/planning/runs/{older.pk}/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert 'id="superseded"' in html and 'id="publish"' not in html
    assert "move-button" not in html
    assert "Superata" in html and "non è più attuale" in html
    assert f"/runs/{newer.pk}/" in html
    assert "Vedi quella pubblicata (Pianificazione," in html  # a noun, not the verb "Pianifica"
    home = client.get(f"/org/{older.organisation_id}/planning/", HTTP_ACCEPT_LANGUAGE="it")
    assert "Superata" in home.content.decode()


def test_publishing_a_closed_proposal_through_the_page_says_why(
    planning, care_client, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    url = f"/org/{older.organisation_id}/planning/runs/{older.pk}/publish/"
    response = care_client("bob").post(url, follow=True, HTTP_ACCEPT_LANGUAGE="it")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questa proposta non è più attuale" in html and "Traceback" not in html
    older.refresh_from_db()
    assert older.status == RunStatus.SUPERSEDED


def test_the_api_refuses_a_closed_proposal_with_a_422(
    planning, care_client, django_capture_on_commit_callbacks
):
    older = plan_week(planning, django_capture_on_commit_callbacks)
    newer = plan_week(planning, django_capture_on_commit_callbacks)
    publish(newer, planning, django_capture_on_commit_callbacks)
    response = care_client("bob").post(
        f"/api/v1/planning/runs/{older.pk}/publish", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "This proposal is out of date" in response.content.decode()
