"""The planning pages through HTTP: who sees what, progress, board, move, publish, repair."""

from __future__ import annotations

import pytest

from fragola.planning.models import PlannedAssignment, PlanningRun, RunStatus
from fragola.planning.tests.test_runs import plan_week

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


@pytest.mark.parametrize(("name", "status"), [("alice", 200), ("bob", 200), ("carla", 404),
                                              ("vera", 404), ("charlie", 404)])  # fmt: skip
def test_only_coordinators_and_admins_open_the_planning(planning, care_client, name, status):
    response = care_client(name).get(f"/org/{planning.world.alfa.pk}/planning/")
    assert response.status_code == status


def test_another_coops_coordinator_cannot_see_a_run(
    planning, care_client, django_capture_on_commit_callbacks
):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    for name in ("charlie", "carla", "vera"):
        client = care_client(name)
        assert client.get(f"/org/{run.organisation_id}/planning/runs/{run.pk}/").status_code == 404
        url = f"/org/{run.organisation_id}/planning/runs/{run.pk}/publish/"
        assert client.post(url).status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_a_coordinator_starts_a_run_and_sees_the_board(
    planning, care_client, django_capture_on_commit_callbacks
):
    client = care_client("bob")
    url = f"/org/{planning.world.alfa.pk}/planning/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"start": planning.start, "days": 7, "time_limit": 2})
    run = PlanningRun.objects.get()
    assert response.status_code == 302
    progress = client.get(f"{url}runs/{run.pk}/progress/", headers={"HX-Request": "true"})
    assert progress["HX-Refresh"] == "true"
    assert "100%" in progress.content.decode()
    page = client.get(f"{url}runs/{run.pk}/?day={planning.start}")
    html = page.content.decode()
    assert 'id="timeline"' in html and 'id="plan-list"' in html and 'id="cost"' in html
    assert "Rossi Maria" in html


def test_the_board_takes_a_bounded_number_of_queries(
    planning, care_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    client = care_client("bob")
    with django_assert_max_num_queries(12):
        response = client.get(f"/org/{run.organisation_id}/planning/runs/{run.pk}/")
    assert response.status_code == 200


def test_a_move_shows_the_cost_before_and_after_then_applies(
    planning, care_client, django_capture_on_commit_callbacks
):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    row = PlannedAssignment.objects.filter(
        run=run, visit__plan_service=planning.care.personal_care, left_out=False
    ).first()
    url = f"/org/{run.organisation_id}/planning/runs/{run.pk}/assignments/{row.pk}/move/"
    client = care_client("bob")
    assert client.get(url).status_code == 200
    data = {"carer": row.carer_id, "day": row.visit.day, "time": "12:30"}
    preview = client.post(url, {**data, "action": "preview"}, headers={"HX-Request": "true"})
    html = preview.content.decode()
    assert 'id="move-effect"' in html and 'id="confirm-move"' in html
    row.refresh_from_db()
    assert row.late_minutes == 0  # nothing applied yet
    confirm = client.post(url, {**data, "action": "confirm"}, headers={"HX-Request": "true"})
    assert confirm.status_code == 204 and "HX-Redirect" in confirm
    row.refresh_from_db()
    assert row.late_minutes > 0


def test_publishing_through_the_page(planning, care_client, django_capture_on_commit_callbacks):
    run = plan_week(planning, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = care_client("bob").post(
            f"/org/{run.organisation_id}/planning/runs/{run.pk}/publish/"
        )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.ACCEPTED


def test_a_carer_sees_only_their_own_visits_and_feed(planning, care_client):
    response = care_client("carla").get(f"/org/{planning.world.alfa.pk}/planning/mine/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/ical/" in html and "Rossi Maria" in html
    assert (
        care_client("charlie").get(f"/org/{planning.world.alfa.pk}/planning/mine/").status_code
        == 404
    )
    assert (
        care_client("bob").get(f"/org/{planning.world.alfa.pk}/planning/mine/").status_code == 404
    )
