"""The planning API: create a run, follow it, read the proposal, publish; 404 elsewhere."""

from __future__ import annotations

import pytest

from fragola.planning.models import RunStatus

pytestmark = pytest.mark.usefixtures("immediate", "fast_solver")


def test_a_coordinator_plans_and_publishes_through_the_api(
    planning, care_client, django_capture_on_commit_callbacks
):
    client = care_client("bob")
    body = {"start": str(planning.start), "end": str(planning.end), "time_limit": 2}
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            f"/api/v1/planning/organisations/{planning.world.alfa.pk}/runs",
            body,
            content_type="application/json",
        )
    assert created.status_code == 201, created.content
    run_id = created.json()["id"]
    status = client.get(f"/api/v1/planning/runs/{run_id}").json()
    assert status["status"] == RunStatus.DONE and status["progress"] == 100
    proposal = client.get(f"/api/v1/planning/runs/{run_id}/proposal").json()
    assert proposal["count"] == 28
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/api/v1/planning/runs/{run_id}/publish")
    assert published.status_code == 200
    assert published.json()["run"]["status"] == RunStatus.ACCEPTED
    again = client.post(f"/api/v1/planning/runs/{run_id}/publish")
    assert again.status_code == 422


@pytest.mark.parametrize("name", ["charlie", "carla", "vera"])
def test_others_get_a_404(planning, care_client, name, django_capture_on_commit_callbacks):
    client = care_client(name)
    body = {"start": str(planning.start), "end": str(planning.end)}
    url = f"/api/v1/planning/organisations/{planning.world.alfa.pk}/runs"
    assert client.post(url, body, content_type="application/json").status_code == 404
    from fragola.planning.tests.test_runs import plan_week

    run = plan_week(planning, django_capture_on_commit_callbacks)
    assert client.get(f"/api/v1/planning/runs/{run.pk}").status_code == 404
    assert client.get(f"/api/v1/planning/runs/{run.pk}/proposal").status_code == 404
