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
    assert [p["id"] for p in response.json()] == [project.pk]
    assert SensitiveRead.objects.filter(object_id=str(project.pk)).count() == 1


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
