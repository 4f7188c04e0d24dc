"""The pages through the client: Sara (staff of Consorzio Fragole) runs its tenders; Alice
(administrator of Alfa) sees only Alfa's lots; Charlie and other consortia see nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fragola.core.italy.codes import ERR_ORG_FISCAL_CODE
from fragola.procurement import services
from fragola.procurement.models import PublicBody, Tender, TenderState
from fragola.procurement.services import tenders
from fragola.procurement.tests.helpers import awarded, contract_data, tender_for
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import PublicBodyFactory, TenderFactory

pytestmark = pytest.mark.django_db


def test_sara_sees_the_tender_board_with_its_pipeline_and_deadlines(world, client_for):
    tender = tender_for(world, title="SAD Ambito 3")
    page = client_for("sara").get(reverse("procurement:board", args=[world.consortium.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "SAD Ambito 3" in text
    assert reverse("procurement:tender", args=[world.consortium.pk, tender.pk]) in text
    assert "/ical/tenders/" in text


def _tender_post(body: PublicBody, **changes) -> dict[str, str]:
    values = {
        "body": str(body.pk),
        "title": "Assistenza educativa scolastica",
        "cig": "B0A1C2D3E4",
        "procedure": "open",
        "social_services": "on",
        "labour_intensive": "on",
        "criterion": "best_value",
        "quality_points": "70",
        "price_points": "30",
        "base_amount": "350000.00",
        "submission_due": (timezone.localtime() + dt.timedelta(days=15)).strftime("%Y-%m-%dT%H:%M"),
    }
    return {**values, **changes}


def test_sara_records_a_tender_from_the_form(world, client_for):
    body = PublicBodyFactory()
    url = reverse("procurement:tender_new", args=[world.consortium.pk])
    response = client_for("sara").post(url, _tender_post(body))
    tender = Tender.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "procurement:tender", args=[world.consortium.pk, tender.pk]
    )
    assert tender.submission_due is not None and tender.cig == "B0A1C2D3E4"


def test_the_form_refuses_lowest_price_for_social_services_naming_the_field(world, client_for):
    url = reverse("procurement:tender_new", args=[world.consortium.pk])
    post = _tender_post(PublicBodyFactory(), criterion="lowest_price", quality_points="70")
    response = client_for("sara").post(url, post)
    assert response.status_code == 400
    assert str(tenders.ERR_LOWEST_PRICE_SOCIAL) in response.content.decode()
    assert not Tender.objects.exists()


def test_sara_takes_a_tender_from_watching_to_contract(world, client_for):
    sara = client_for("sara")
    tender = tender_for(world)
    args = [world.consortium.pk, tender.pk]
    lot = {"number": "1", "title": "Nord", "service": "personal_care", "hours": "2400",
           "base_amount": "500000"}  # fmt: skip
    assert sara.post(reverse("procurement:lot_add", args=args), lot).status_code == 302
    named = sara.post(reverse("procurement:executor_add", args=args), {"coop": world.alfa.pk})
    assert named.status_code == 302
    for step in ("go_no_go", "preparing", "submitted"):
        moved = sara.post(reverse("procurement:move", args=args), {"to": step, "note": ""})
        assert moved.status_code == 302, moved.content
    award = {"awarded_amount": "480000"}
    assert sara.post(reverse("procurement:award", args=args), award).status_code == 302
    contract = {
        "number": "REP 9/2026", "signed_on": "2026-01-10", "commitment_number": "DET 4",
        "commitment_date": "2025-12-20", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "amount": "480000",
    }  # fmt: skip
    assert sara.post(reverse("procurement:contract", args=args), contract).status_code == 302
    tender.refresh_from_db()
    lot_row = tender.contract.lots.get()
    share = {"lot": lot_row.pk, "coop": world.alfa.pk, "percent": "100", "hours_per_month": "200"}
    assert sara.post(reverse("procurement:share_set", args=args), share).status_code == 302
    page = sara.get(reverse("procurement:tender", args=args)).content.decode()
    assert "REP 9/2026" in page and "Alfa Cooperativa Sociale (100,00 %, 200,00 h)" in page
    assert tender.state == "contract"


def test_a_bad_step_is_shown_on_the_step_form(world, client_for):
    tender = tender_for(world)
    url = reverse("procurement:move", args=[world.consortium.pk, tender.pk])
    client_for("sara").post(url, {"to": "go_no_go"})
    response = client_for("sara").post(url, {"to": "go_no_go"})
    assert response.status_code == 400
    state = str(TenderState.GO_NO_GO.label)
    expected = str(tenders.ERR_TRANSITION) % {"from": state, "to": state}
    assert expected in response.content.decode()


def test_another_consortiums_tender_is_not_found(world, client_for):
    other = TenderFactory(organisation=OrganisationFactory(type=OrganisationType.CONSORTIUM))
    sara = client_for("sara")
    assert (
        sara.get(reverse("procurement:tender", args=[other.organisation_id, other.pk])).status_code
        == 404
    )
    assert (
        sara.get(reverse("procurement:tender", args=[world.consortium.pk, other.pk])).status_code
        == 404
    )
    url = reverse("procurement:move", args=[world.consortium.pk, other.pk])
    assert sara.post(url, {"to": "go_no_go"}).status_code == 404
    other.refresh_from_db()
    assert other.state == "watching"


@pytest.mark.parametrize("persona", ["alice", "bob", "tina", "charlie", "mario"])
def test_only_the_consortium_staff_open_its_tenders(world, client_for, persona):
    tender = tender_for(world)
    client = client_for(persona)
    assert client.get(reverse("procurement:board", args=[world.consortium.pk])).status_code == 404
    url = reverse("procurement:tender", args=[world.consortium.pk, tender.pk])
    assert client.get(url).status_code == 404


def test_the_calendar_feed_carries_the_deadlines(world, client_for):
    tender_for(world, title="Trasporto disabili")
    client_for("sara").get(reverse("procurement:board", args=[world.consortium.pk]))
    feed = world.consortium.tender_feed
    response = client_for("charlie").get(reverse("procurement:ical", args=[feed.token]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.count("BEGIN:VEVENT") == 3 and "Trasporto disabili" in text
    assert client_for("sara").get("/ical/tenders/nope.ics").status_code == 404


def test_sara_imports_public_bodies_and_sees_the_errors_by_row(world, client_for):
    url = reverse("procurement:bodies", args=[world.consortium.pk])
    bad = SimpleUploadedFile("enti.csv", b"kind,name,fiscal_code\ncomune,X,123\n")
    response = client_for("sara").post(url, {"file": bad})
    text = response.content.decode()
    assert response.status_code == 400
    assert "riga 2, fiscal_code" in text and escape(str(ERR_ORG_FISCAL_CODE)) in text
    good = SimpleUploadedFile(
        "enti.csv", b"kind,name,fiscal_code\ncomune,Comune di Bergamo,80034840167\n"
    )
    assert client_for("sara").post(url, {"file": good}).status_code == 200
    assert PublicBody.objects.get().name == "Comune di Bergamo"
    page = client_for("sara").get(url, {"q": "bergamo"})
    assert "80034840167" in page.content.decode()


def _shares(world):
    tender = awarded(world, world.alfa, world.beta)
    contract = services.contract_record(tender=tender, data=contract_data())
    lot = contract.lots.get()
    services.contract_share_set(
        lot=lot, coop=world.alfa, percent=Decimal(60), hours_per_month=Decimal("611.00")
    )
    services.contract_share_set(
        lot=lot, coop=world.beta, percent=Decimal(40), hours_per_month=Decimal("407.00")
    )
    services.contract_price_set(
        lot=lot, service="personal_care", qualification="oss", price_per_hour=Decimal("23.40")
    )
    return contract


def test_alice_sees_only_her_coops_share_of_a_lot(world, client_for):
    _shares(world)
    page = client_for("alice").get(reverse("procurement:own_lots", args=[world.alfa.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    # Italian is the default language: decimal commas.
    assert "60,00 %" in text and "611,00" in text and "23,40" in text
    assert "40,00 %" not in text and "407,00" not in text and "Beta" not in text


@pytest.mark.parametrize("persona", ["bob", "carla", "sara", "charlie", "tina"])
def test_nobody_else_opens_alfas_lots(world, client_for, persona):
    _shares(world)
    response = client_for(persona).get(reverse("procurement:own_lots", args=[world.alfa.pk]))
    assert response.status_code == 404
