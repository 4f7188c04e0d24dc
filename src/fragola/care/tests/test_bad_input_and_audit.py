"""Ordinary bad input gets a field error, never a server error; art. 9 data keeps its audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fragola.care import services
from fragola.care.models import CarePlan, Consent, HealthRecord, ServiceUser, Visit, VisitStatus
from fragola.care.services import carers as carer_services
from fragola.care.services import people as people_services
from fragola.care.services import plans as plan_services
from fragola.care.services import visits as visit_services
from fragola.care.services import volunteers as volunteer_services
from fragola.care.tests.personas import plan_for
from fragola.core.models import SensitiveRead
from fragola.core.services import token_create
from fragola.registry.models import Role, RoleName
from fragola.registry.roles import role_revoke
from fragola.testing.factories import UserFactory, comune

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _errors(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return exc.value.message_dict[field]


# --- the three server errors found by hand ---------------------------------------------------


def test_it_tells_a_volunteer_the_task_overlaps_one_of_theirs(care, care_client):
    services.volunteer_task_take(
        visit=care.volunteer_task, volunteer=care.vera_volunteer, by=care.world.vera
    )
    day = care.volunteer_task.day
    other_plan, _personal, companionship = plan_for(care.giovanni, care.today)
    services.visits_generate(plan=other_plan, start=day, end=day)
    clash = Visit.objects.get(plan_service=companionship, day=day)  # at the same hour
    response = care_client("vera").post(
        reverse("care_task_take", args=[care.world.alfa.pk, clash.pk]), follow=True
    )
    assert response.status_code == 200
    assert escape(str(visit_services.ERR_DOUBLE_BOOKED)) in response.content.decode()
    assert Visit.objects.get(pk=clash.pk).carer is None


def test_it_refuses_a_latitude_of_200_on_the_latitude_field(care, care_client):
    response = care_client("bob").post(
        reverse("care_user_new", args=[care.world.alfa.pk]),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "address": "Via Roma 1",
            "comune": comune().istat_code,
            "latitude": "200",
            "longitude": "9.6",
            "area_radius_m": "300",
            "started_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["latitude"] == [str(people_services.ERR_LATITUDE)]
    assert not ServiceUser.objects.filter(last_name="Lovelace").exists()


def test_it_refuses_a_care_plan_ending_before_it_starts(care, care_client):
    response = care_client("bob").post(
        reverse("care_plan_new", args=[care.world.alfa.pk, care.giovanni.pk]),
        {
            "assessed_on": "2026-01-01",
            "goals": "Autonomia",
            "review_on": "2026-06-01",
            "valid_from": "2026-02-01",
            "valid_to": "2026-01-15",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"] == [
        str(plan_services.ERR_PLAN_ENDS_BEFORE_START)
    ]
    assert not CarePlan.objects.filter(service_user=care.giovanni).exists()


def test_it_tells_a_coordinator_a_consent_is_already_withdrawn(care, care_client):
    consent = services.consent_record(
        service_user=care.maria, purpose="care", given_on=dt.date(2025, 1, 1), by=care.world.bob
    )
    url = reverse("care_consent_withdraw", args=[care.world.alfa.pk, care.maria.pk, consent.pk])
    client = care_client("bob")
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert escape(str(people_services.ERR_CONSENT_WITHDRAWN)) in response.content.decode()


# --- dates and files that make no sense --------------------------------------------------------


def test_it_refuses_volunteer_hours_in_the_future(care):
    with pytest.raises(ValidationError) as exc:
        services.volunteer_hours_log(
            carer=care.vera_volunteer, day=care.today + dt.timedelta(days=1), hours=Decimal("2")
        )
    assert _errors(exc, "day") == [str(volunteer_services.ERR_FUTURE_DAY)]


def test_it_refuses_a_receipt_that_is_not_an_image_or_a_pdf(care):
    fake = SimpleUploadedFile("scontrino.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.expense_claim(
            carer=care.vera_volunteer,
            day=care.today,
            amount=Decimal("3.00"),
            description="Autobus",
            receipt=fake,
        )
    assert _errors(exc, "receipt") == [str(volunteer_services.ERR_RECEIPT_KIND)]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xd8\xff\xe0 jpeg", b"\x89PNG\r\n\x1a\n png", b"RIFF\x00\x00\x00\x00WEBPVP8 "],
)
def test_it_accepts_a_photo_of_a_receipt_whatever_its_name(care, content):
    expense = services.expense_claim(
        carer=care.vera_volunteer,
        day=care.today,
        amount=Decimal("3.00"),
        description="Autobus",
        receipt=SimpleUploadedFile("scontrino.txt", content, "text/plain"),
    )
    assert expense.receipt.read() == content


def test_it_refuses_a_carer_checking_in_at_two_users_at_once(care):
    visit = care.visit_today
    services.visit_check_in(visit=visit, by=care.world.carla, at=visit.starts_at)
    other_plan, personal, _companionship = plan_for(care.giovanni, care.today)
    services.visits_generate(plan=other_plan, start=care.today, end=care.today)
    second = Visit.objects.get(plan_service=personal, day=care.today)
    second.carer, second.status = care.carla_carer, VisitStatus.ASSIGNED
    second.save(update_fields=["carer", "status"])
    with pytest.raises(ValidationError) as exc:
        services.visit_check_in(visit=second, by=care.world.carla, at=visit.starts_at)
    assert "Rossi Maria" in _errors(exc, "carer")[0]
    assert Visit.objects.get(pk=second.pk).status == VisitStatus.ASSIGNED


def test_it_refuses_a_birth_year_in_the_future(care):
    with pytest.raises(ValidationError) as exc:
        services.service_user_register(
            organisation=care.world.alfa,
            first_name="Ada",
            last_name="Futura",
            address="Via Roma 1",
            comune=comune(),
            started_on=dt.date(2025, 1, 1),
            birth_year=care.today.year + 1,
        )
    assert _errors(exc, "birth_year") == [str(people_services.ERR_BIRTH_YEAR)]


def test_it_refuses_registering_the_same_carer_twice(care):
    with pytest.raises(ValidationError) as exc:
        services.carer_register(person=care.walter.person, kind="worker")
    assert _errors(exc, "person") == [str(carer_services.ERR_ALREADY_CARER)]


# --- audit of art. 9 data ----------------------------------------------------------------------


def test_it_keeps_every_health_record_edit_with_its_author(care):
    services.health_record_update(
        service_user=care.maria, by=care.world.bob, conditions="Diabete", care_needs="Insulina"
    )
    services.health_record_update(
        service_user=care.maria, by=care.world.alice, conditions="Diabete", care_needs="Dieta"
    )
    history = HealthRecord.history.filter(service_user=care.maria).order_by("history_date")
    assert [(h.care_needs, h.history_user) for h in history][-2:] == [
        ("Insulina", care.world.bob),
        ("Dieta", care.world.alice),
    ]


def test_it_never_erases_a_health_record_with_an_empty_form(care, care_client):
    url = reverse("care_user_health", args=[care.world.alfa.pk, care.maria.pk])
    response = care_client("bob").post(url, {"conditions": "", "care_needs": ""}, follow=True)
    assert escape(str(people_services.ERR_HEALTH_BLANK)) in response.content.decode()
    assert HealthRecord.objects.get(service_user=care.maria).conditions == "Diabete di tipo 2"


def test_it_erases_a_health_record_only_when_asked_and_records_who(care, care_client):
    url = reverse("care_user_health", args=[care.world.alfa.pk, care.maria.pk])
    care_client("bob").post(url, {"conditions": "", "care_needs": "", "erase": "on"})
    assert HealthRecord.objects.get(service_user=care.maria).conditions == ""
    latest = HealthRecord.history.filter(service_user=care.maria).latest("history_date")
    assert latest.history_user == care.world.bob
    assert latest.prev_record.conditions == "Diabete di tipo 2"


def test_it_records_who_withdrew_a_consent(care, care_client):
    consent = services.consent_record(
        service_user=care.maria, purpose="care", given_on=dt.date(2025, 1, 1), by=care.world.bob
    )
    care_client("alice").post(
        reverse("care_consent_withdraw", args=[care.world.alfa.pk, care.maria.pk, consent.pk])
    )
    consent = Consent.objects.get(pk=consent.pk)
    assert (consent.withdrawn_on, consent.withdrawn_by) == (care.today, care.world.alice)


def _bearer(user) -> dict[str, str]:
    _token, raw = token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_logs_every_care_plan_read_through_the_api(care):
    url = f"/api/v1/care/service-users/{care.maria.pk}/plans"
    response = Client().get(url, **_bearer(care.world.bob))
    assert response.status_code == 200
    assert response.json()[0]["goals"] == "Autonomia a domicilio"
    read = SensitiveRead.objects.get(object_type="care.CarePlan")
    assert (read.user, read.object_id) == (care.world.bob, str(care.maria.pk))


def test_it_closes_my_visits_as_soon_as_the_carer_role_is_removed(care):
    headers = _bearer(care.world.carla)
    url = f"/api/v1/care/me/visits?start={care.today}&end={care.today}"
    assert Client().get(url, **headers).json()["count"] == 1
    role_revoke(role=Role.objects.get(user=care.world.carla, name=RoleName.CARER))
    response = Client().get(url, **headers)
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_it_logs_a_care_plan_shown_in_the_django_admin(care):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    response = client.get(f"/admin/care/careplan/{care.plan.pk}/change/")
    assert response.status_code == 200
    read = SensitiveRead.objects.get(object_type="care.CarePlan")
    assert (read.user, read.object_id) == (root, str(care.plan.pk))
