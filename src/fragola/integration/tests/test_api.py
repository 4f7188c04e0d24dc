"""The integration API, once the lead mounts its router at /api/v1/integration/."""

from __future__ import annotations

import pytest

from fragola.core.models import SensitiveRead
from fragola.integration.tests.helpers import project_for, staff

BASE = "/api/v1/integration"


pytestmark = pytest.mark.django_db


def test_the_tutor_lists_projects_and_each_read_is_logged(world, client_for):
    project = project_for(staff(world.beta, 3, 1)[0])
    response = client_for("tina").get(f"{BASE}/organisations/{world.beta.pk}/projects")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [project.pk]
    assert SensitiveRead.objects.filter(object_id=str(project.pk)).count() == 1


def test_projects_come_a_page_at_a_time_and_only_the_page_sent_is_logged(world, client_for):
    projects = [project_for(e) for e in staff(world.beta, 0, 3)]
    url = f"{BASE}/organisations/{world.beta.pk}/projects"
    first = client_for("tina").get(url, {"page_size": 2}).json()
    assert first["count"] == 3 and len(first["items"]) == 2
    second = client_for("tina").get(url, {"page_size": 2, "page": 2}).json()
    sent = {p["id"] for p in first["items"]} | {p["id"] for p in second["items"]}
    assert sent == {p.pk for p in projects}
    assert SensitiveRead.objects.count() == 3  # two on the first page, one on the second
    closed = client_for("tina").get(url, {"status": "closed"}).json()
    assert closed == {"items": [], "count": 0}
    refused = client_for("tina").get(url, {"status": "lost"})
    assert refused.status_code == 422 and "status" in refused.content.decode()


@pytest.mark.parametrize("who", ["sara", "charlie", "alice"])
def test_others_get_404_for_projects_and_relief(world, client_for, who):
    staff(world.beta, 3, 1)
    c = client_for(who)
    assert c.get(f"{BASE}/organisations/{world.beta.pk}/projects").status_code == 404
    assert c.get(f"{BASE}/organisations/{world.beta.pk}/relief/2026/3").status_code == 404
    assert not SensitiveRead.objects.exists()


def test_the_ratio_and_the_hires_needed(world, client_for):
    staff(world.beta, 12, 3)
    c = client_for("tina")
    ratio = c.get(f"{BASE}/organisations/{world.beta.pk}/ratio").json()
    assert ratio["status"] == "breach" and len(ratio["forecast"]) >= 13
    needed = c.get(f"{BASE}/organisations/{world.beta.pk}/hires-needed?until=2027-12-31").json()
    assert needed["heads"] == 1


def test_a_reserved_contract_check_names_the_member_below_thirty_percent(world, client_for):
    payload = {
        "on": "2026-03-01",
        "members": [
            {"name": "Beta", "disadvantaged_share": "0.40"},
            {"name": "Delta", "disadvantaged_share": "0.29"},
        ],
    }
    response = client_for("tina").post(
        f"{BASE}/reserved-contracts/check", payload, content_type="application/json"
    )
    body = response.json()
    assert body["eligible"] is False
    assert [c["code"] for c in body["criteria"] if not c["passed"]] == ["member:Delta"]


def test_it_answers_422_for_a_date_before_any_threshold(world, client_for):
    response = client_for("tina").post(
        "/api/v1/integration/reserved-contracts/check",
        {"on": "2000-01-01", "members": [{"name": "Beta", "disadvantaged_share": "0.4"}]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "on"
