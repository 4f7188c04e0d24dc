"""Requests and charges through the API: the same scoping as the pages."""

from __future__ import annotations

import pytest

from fragola.backoffice.models import ServiceRequest
from fragola.testing.factories_apps import ChargeFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/backoffice/organisations"


def test_a_co_op_admin_opens_a_request_and_lists_only_its_own(world, client_for):
    alice = client_for("alice")
    ServiceRequestFactory(consortium=world.consortium, coop=world.beta)
    url = f"{BASE}/{world.alfa.pk}/requests"
    created = alice.post(
        url, {"kind": "invoice_question", "subject": "Fattura 12"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["team"] == "accounting"
    listed = alice.get(url).json()
    assert [row["subject"] for row in listed["items"]] == ["Fattura 12"]


def test_staff_list_every_members_requests_and_outsiders_get_404(world, client_for):
    ServiceRequestFactory(consortium=world.consortium, coop=world.alfa)
    ServiceRequestFactory(consortium=world.consortium, coop=world.beta)
    staff = client_for("sara").get(f"{BASE}/{world.consortium.pk}/requests").json()
    assert staff["count"] == 2
    assert client_for("charlie").get(f"{BASE}/{world.alfa.pk}/requests").status_code == 404
    assert client_for("tina").get(f"{BASE}/{world.beta.pk}/requests").status_code == 404


def test_an_empty_subject_is_a_422_naming_it(world, client_for):
    response = client_for("alice").post(
        f"{BASE}/{world.alfa.pk}/requests", {"kind": "new_hire", "subject": " "},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["subject"]
    assert not ServiceRequest.objects.exists()


def test_charges_are_listed_per_co_op(world, client_for):
    ChargeFactory(consortium=world.consortium, coop=world.alfa, number="2025/BO/1")
    ChargeFactory(consortium=world.consortium, coop=world.beta, number="2025/BO/2")
    mine = client_for("alice").get(f"{BASE}/{world.alfa.pk}/charges").json()
    assert [(c["number"], c["total"]) for c in mine["items"]] == [("2025/BO/1", "122.00")]
    assert client_for("sara").get(f"{BASE}/{world.consortium.pk}/charges").json()["count"] == 2
