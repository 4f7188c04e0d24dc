"""The back office through its pages: Alice (admin of Alfa) opens requests and sees her co-op's
charges, Sara (consortium staff) works them and allocates costs, Tina (tutor at Beta) and
Charlie (Gamma, outside the consortium) see nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from fragola.backoffice import views
from fragola.backoffice.models import Charge, RequestStatus, RunStatus, ServiceRequest
from fragola.testing.factories_apps import ChargeFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db


def _url(name: str, *args: int) -> str:
    return reverse(f"backoffice:{name}", args=args)


def test_a_co_op_admin_opens_a_request_and_the_consortium_answers_it(world, client_for):
    alice, sara = client_for("alice"), client_for("sara")
    body = {"kind": "new_hire", "subject": "Assunzione OSS", "description": "Dal lunedì"}
    opened = alice.post(_url("request_open", world.alfa.pk), body)
    request = ServiceRequest.objects.get()
    assert opened.status_code == 302
    assert request.coop == world.alfa and request.consortium == world.consortium
    assert "Assunzione OSS" in sara.get(_url("home", world.consortium.pk)).content.decode()
    detail = _url("request_answer", world.consortium.pk, request.pk)
    sara.post(detail, {"answer": "Documenti ricevuti"})
    today = timezone.localdate().isoformat()
    sara.post(
        _url("request_time", world.consortium.pk, request.pk), {"worked_on": today, "minutes": 30}
    )
    sara.post(_url("request_resolve", world.consortium.pk, request.pk))
    alice.post(_url("request_rate", world.alfa.pk, request.pk), {"satisfaction": 5})
    request.refresh_from_db()
    assert (request.status, request.answer, request.satisfaction) == (
        RequestStatus.RESOLVED, "Documenti ricevuti", 5,
    )  # fmt: skip
    assert request.time.get().minutes == 30
    page = alice.get(_url("request", world.alfa.pk, request.pk)).content.decode()
    assert "Documenti ricevuti" in page


def test_staff_record_a_request_for_a_member_only(world, client_for):
    sara = client_for("sara")
    url = _url("request_open", world.consortium.pk)
    body = {"kind": "sick_leave", "subject": "Malattia", "coop": world.beta.fiscal_code}
    assert sara.post(url, body).status_code == 302
    assert ServiceRequest.objects.get().coop == world.beta
    refused = sara.post(url, {**body, "coop": world.gamma.fiscal_code})
    assert refused.status_code == 400
    with translation.override("it"):
        assert str(views.ERR_NO_SUCH_MEMBER) in refused.content.decode()


def test_a_co_op_sees_only_its_own_requests(world, client_for):
    mine = ServiceRequestFactory(consortium=world.consortium, coop=world.alfa, subject="Alfa")
    theirs = ServiceRequestFactory(consortium=world.consortium, coop=world.beta, subject="Beta")
    alice = client_for("alice")
    page = alice.get(_url("home", world.alfa.pk)).content.decode()
    assert "Alfa" in page and ">Beta<" not in page
    assert alice.get(_url("request", world.alfa.pk, mine.pk)).status_code == 200
    assert alice.get(_url("request", world.alfa.pk, theirs.pk)).status_code == 404
    assert alice.get(_url("request", world.beta.pk, theirs.pk)).status_code == 404
    # A co-op cannot answer its own request: that is the consortium's work.
    answer = alice.post(_url("request_answer", world.alfa.pk, mine.pk), {"answer": "x"})
    assert answer.status_code == 404


@pytest.mark.parametrize("persona", ["charlie", "tina", "bob", "carla"])
def test_others_see_no_back_office(world, client_for, persona):
    client = client_for(persona)
    request = ServiceRequestFactory(consortium=world.consortium, coop=world.alfa)
    for organisation in (world.alfa, world.beta, world.consortium):
        assert client.get(_url("home", organisation.pk)).status_code == 404
        assert client.get(_url("charges", organisation.pk)).status_code == 404
        assert client.get(_url("request", organisation.pk, request.pk)).status_code == 404
    assert client.get(_url("costs", world.consortium.pk)).status_code == 404


def test_another_consortiums_staff_see_nothing_of_this_one(world, client_for):
    from fragola.registry.models import OrganisationType
    from fragola.testing.factories import OrganisationFactory, RoleFactory

    other = OrganisationFactory(type=OrganisationType.CONSORTIUM)
    RoleFactory(user=world.charlie, organisation=other, name="staff")
    request = ServiceRequestFactory(consortium=world.consortium, coop=world.alfa)
    charlie = client_for("charlie")
    assert charlie.get(_url("home", other.pk)).status_code == 200
    assert charlie.get(_url("request", other.pk, request.pk)).status_code == 404
    assert charlie.get(_url("home", world.consortium.pk)).status_code == 404


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_staff_allocate_a_cost_pool_and_each_co_op_sees_its_own_charge(world, client_for):
    sara = client_for("sara")
    pools = "pool,amount_eur,driver\nPaghe,100.00,payslips\n"
    drivers = (
        "coop_fiscal_code,driver,value\n"
        f"{world.alfa.fiscal_code},payslips,1\n{world.beta.fiscal_code},payslips,2\n"
    )
    body = {
        "period": "2025-03-01",
        "pools": _upload("pools.csv", pools),
        "drivers": _upload("drivers.csv", drivers),
    }
    prepared = sara.post(_url("run_prepare", world.consortium.pk), body)
    assert prepared.status_code == 302
    run_url = prepared["Location"]
    review = sara.get(run_url).content.decode()
    # 100.00 by 1:2: 33.333… and 66.666…, the left cent to the larger fractional part.
    assert "33,33" in review and "66,67" in review  # Italian number format
    sara.post(run_url + "approve/")
    alfa, beta = Charge.objects.get(coop=world.alfa), Charge.objects.get(coop=world.beta)
    # 22 % VAT: 7.3326 -> 7.33 and 14.6674 -> 14.67.
    assert (alfa.net, alfa.vat, alfa.total) == (Decimal("33.33"), Decimal("7.33"), Decimal("40.66"))
    assert (beta.net, beta.vat, beta.total) == (
        Decimal("66.67"),
        Decimal("14.67"),
        Decimal("81.34"),
    )
    assert alfa.run.status == RunStatus.APPROVED
    charges = client_for("alice").get(_url("charges", world.alfa.pk)).content.decode()
    assert alfa.number in charges and beta.number not in charges


def test_a_wrong_file_names_its_row_and_prepares_nothing(world, client_for):
    sara = client_for("sara")
    body = {
        "period": "2025-03-01",
        "pools": _upload("pools.csv", "pool,amount_eur,driver\nPaghe,-1,payslips\n"),
        "drivers": _upload(
            "drivers.csv", f"coop_fiscal_code,driver,value\n{world.alfa.fiscal_code},payslips,1\n"
        ),
    }
    response = sara.post(_url("run_prepare", world.consortium.pk), body)
    assert response.status_code == 400
    assert "pools.csv, riga 2, amount_eur" in response.content.decode()
    assert not Charge.objects.exists()


def test_a_co_op_sees_its_charges_not_another_ones(world, client_for):
    ChargeFactory(consortium=world.consortium, coop=world.alfa, number="2025/BO/7")
    ChargeFactory(consortium=world.consortium, coop=world.beta, number="2025/BO/8")
    page = client_for("alice").get(_url("charges", world.alfa.pk)).content.decode()
    assert "2025/BO/7" in page and "2025/BO/8" not in page
    both = client_for("sara").get(_url("charges", world.consortium.pk)).content.decode()
    assert "2025/BO/7" in both and "2025/BO/8" in both


def test_the_request_list_flags_a_late_answer(world, client_for):
    from fragola.backoffice.services import requests_escalate

    ServiceRequestFactory(consortium=world.consortium, coop=world.alfa)
    requests_escalate(now=timezone.make_aware(dt.datetime(2025, 3, 3, 16)))
    page = client_for("sara").get(_url("home", world.consortium.pk)).content.decode()
    assert "in ritardo" in page
