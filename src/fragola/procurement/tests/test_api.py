"""The procurement API: Sara runs the consortium's tenders, another consortium's are a 404, and
Alice reads only Alfa's own lots."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fragola.procurement import services
from fragola.procurement.api import ERR_NO_SUCH_BODY
from fragola.procurement.models import Tender
from fragola.procurement.services import tenders
from fragola.procurement.tests.helpers import awarded, contract_data, tender_for
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import PublicBodyFactory, TenderFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/procurement"


def _post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_sara_records_and_lists_tenders(world, client_for):
    sara = client_for("sara")
    url = f"{BASE}/organisations/{world.consortium.pk}/tenders"
    body = {"body_id": PublicBodyFactory().pk, "title": "SAD", "procedure": "open",
            "base_amount": "100000.00", "cig": "C1D2E3F4G5",
            "submission_due": "2030-03-01T12:00:00+01:00"}  # fmt: skip
    created = _post(sara, url, body)
    assert created.status_code == 201, created.content
    listed = sara.get(url).json()
    assert listed["count"] == 1 and listed["items"][0]["cig"] == "C1D2E3F4G5"
    detail = sara.get(f"{url}/{created.json()['id']}").json()
    assert detail["lots"] == [] and detail["executors"] == []


def test_a_labour_intensive_tender_with_40_price_points_is_a_422_naming_the_field(
    world, client_for
):
    url = f"{BASE}/organisations/{world.consortium.pk}/tenders"
    body = {"body_id": PublicBodyFactory().pk, "title": "SAD", "procedure": "open",
            "base_amount": "100000.00", "quality_points": "60", "price_points": "40"}  # fmt: skip
    response = _post(client_for("sara"), url, body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "price_points", "message": str(tenders.ERR_PRICE_POINTS_CAP)}
    ]
    assert not Tender.objects.exists()


def test_sara_names_a_coop_and_moves_the_tender(world, client_for):
    tender = tender_for(world)
    sara = client_for("sara")
    url = f"{BASE}/organisations/{world.consortium.pk}/tenders/{tender.pk}"
    assert _post(sara, url + "/executors", {"coop_id": world.alfa.pk}).status_code == 201
    refused = _post(sara, url + "/executors", {"coop_id": world.gamma.pk})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "coop"
    assert _post(sara, url + "/move", {"to": "go_no_go"}).json()["state"] == "go_no_go"


def test_another_consortiums_tenders_are_a_404(world, client_for):
    other = TenderFactory(organisation=OrganisationFactory(type=OrganisationType.CONSORTIUM))
    sara = client_for("sara")
    assert sara.get(f"{BASE}/organisations/{other.organisation_id}/tenders").status_code == 404
    url = f"{BASE}/organisations/{world.consortium.pk}/tenders/{other.pk}"
    assert sara.get(url).status_code == 404
    assert _post(sara, url + "/move", {"to": "go_no_go"}).status_code == 404


def test_alice_reads_only_her_own_lots_and_hours(world, client_for):
    tender = awarded(world, world.alfa, world.beta)
    contract = services.contract_record(tender=tender, data=contract_data())
    lot = contract.lots.get()
    mine = services.contract_share_set(
        lot=lot, coop=world.alfa, percent=Decimal(70), hours_per_month=Decimal(70)
    )
    services.contract_share_set(
        lot=lot, coop=world.beta, percent=Decimal(30), hours_per_month=Decimal(30)
    )
    alice = client_for("alice")
    lots = alice.get(f"{BASE}/organisations/{world.alfa.pk}/lots").json()
    assert [item["share_id"] for item in lots["items"]] == [mine.pk]
    hours = alice.get(f"{BASE}/organisations/{world.alfa.pk}/lots/hours").json()
    assert {row["share_id"] for row in hours} <= {mine.pk}
    assert alice.get(f"{BASE}/organisations/{world.beta.pk}/lots").status_code == 404
    assert (
        client_for("sara")
        .get(f"{BASE}/organisations/{world.consortium.pk}/contracts/{contract.pk}/hours")
        .status_code
        == 200
    )
    assert alice.get(f"{BASE}/organisations/{world.consortium.pk}/contracts").status_code == 404


def test_an_unknown_public_body_is_a_422_naming_it(world, client_for):
    url = f"{BASE}/organisations/{world.consortium.pk}/tenders"
    body = {"body_id": 999999, "title": "SAD", "procedure": "open", "base_amount": "1.00"}
    response = _post(client_for("sara"), url, body)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "body_id", "message": str(ERR_NO_SUCH_BODY)}]
