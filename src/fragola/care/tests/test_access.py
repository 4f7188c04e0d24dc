"""Every persona against every care page and endpoint: nobody sees what is not theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fragola.care.models import Expense, FamilyMessage, Visit, VisitStatus
from fragola.core.models import SensitiveRead

pytestmark = pytest.mark.django_db

PERSONAS = ["alice", "bob", "carla", "vera", "mario", "tina", "sara", "charlie", "fiona"]
MANAGERS = {"alice", "bob"}

# page → (url builder, who gets 200; everyone else gets a 404, redirects listed apart)
PAGES = {
    "users": (lambda c: reverse("care_user_new", args=[c.world.alfa.pk]), MANAGERS),
    "maria": (
        lambda c: reverse("care_user", args=[c.world.alfa.pk, c.maria.pk]),
        {*MANAGERS, "carla"},
    ),
    "giovanni": (lambda c: reverse("care_user", args=[c.world.alfa.pk, c.giovanni.pk]), MANAGERS),
    "zeno": (lambda c: reverse("care_user", args=[c.world.gamma.pk, c.zeno.pk]), {"charlie"}),
    "zeno_via_alfa": (lambda c: reverse("care_user", args=[c.world.alfa.pk, c.zeno.pk]), set()),
    "plan": (lambda c: reverse("care_plan", args=[c.world.alfa.pk, c.plan.pk]), MANAGERS),
    "plan_new": (lambda c: reverse("care_plan_new", args=[c.world.alfa.pk, c.maria.pk]), MANAGERS),
    "visits": (lambda c: reverse("care_visits", args=[c.world.alfa.pk]), MANAGERS),
    "carers": (lambda c: reverse("care_carers", args=[c.world.alfa.pk]), MANAGERS),
    "today": (lambda c: reverse("care_today", args=[c.world.alfa.pk]), {"carla", "vera"}),
    "volunteer": (lambda c: reverse("care_volunteer", args=[c.world.alfa.pk]), {"vera"}),
    "figures": (lambda c: reverse("care_figures", args=[c.world.alfa.pk]), {*MANAGERS, "sara"}),
    "figures_csv": (
        lambda c: reverse("care_figures_csv", args=[c.world.alfa.pk, "hours"]),
        {*MANAGERS, "sara"},
    ),
    "family_maria": (lambda c: reverse("family_relative", args=[c.maria.pk]), {"fiona"}),
    "family_giovanni": (lambda c: reverse("family_relative", args=[c.giovanni.pk]), set()),
    "gamma_visits": (lambda c: reverse("care_visits", args=[c.world.gamma.pk]), {"charlie"}),
    "beta_home": (lambda c: reverse("care_home", args=[c.world.beta.pk]), set()),
}


# Coordinators have no carer's or volunteer's page: they are sent to the day's visits.
PAGE_REDIRECTS = {(page, name) for page in ("today", "volunteer") for name in MANAGERS}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_it_shows_each_care_page_only_to_whom_it_belongs(care, care_client, page, persona):
    url, allowed = PAGES[page]
    response = care_client(persona).get(url(care))
    expected = 200 if persona in allowed else 302 if (page, persona) in PAGE_REDIRECTS else 404
    assert response.status_code == expected, (page, persona)


HOME_REDIRECTS = {"carla": "today", "vera": "volunteer", "sara": "figures"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_sends_each_role_from_the_care_home_to_its_own_page(care, care_client, persona):
    response = care_client(persona).get(reverse("care_home", args=[care.world.alfa.pk]))
    if persona in MANAGERS:
        assert response.status_code == 200
    elif persona in HOME_REDIRECTS:
        assert response.status_code == 302
        assert HOME_REDIRECTS[persona] in response["Location"]
    else:
        assert response.status_code == 404


def test_it_logs_every_read_of_health_data(care, care_client):
    url = reverse("care_user", args=[care.world.alfa.pk, care.maria.pk])
    for name in ["bob", "bob", "carla"]:
        response = care_client(name).get(url)
        assert "Diabete di tipo 2" in response.content.decode()
    reads = SensitiveRead.objects.filter(
        object_type="care.HealthRecord", object_id=str(care.maria.pk)
    )
    assert sorted(reads.values_list("user__username", flat=True)) == ["bob", "bob", "carla"]


def test_it_never_shows_health_data_to_the_family(care, care_client):
    response = care_client("fiona").get(reverse("family_relative", args=[care.maria.pk]))
    content = response.content.decode()
    assert "Rossi Maria" in content
    assert "Diabete" not in content
    assert "Bianchi" not in content
    assert not SensitiveRead.objects.exists()


def test_it_lets_a_family_member_write_to_the_coordinator(care, care_client):
    client = care_client("fiona")
    response = client.post(reverse("family_relative", args=[care.maria.pk]), {"body": "Grazie!"})
    assert response.status_code == 302
    assert FamilyMessage.objects.get().service_user == care.maria
    assert (
        client.post(reverse("family_relative", args=[care.giovanni.pk]), {"body": "x"}).status_code
        == 404
    )


POSTS = {
    "assign": (
        lambda c: reverse("care_visit_assign", args=[c.world.alfa.pk, c.volunteer_task.pk]),
        lambda c: {"carer": c.vera_volunteer.pk},
        MANAGERS,
    ),
    "check_in": (
        lambda c: reverse("care_check_in", args=[c.world.alfa.pk, c.visit_today.pk]),
        lambda c: {},
        {"carla"},
    ),
    "take": (
        lambda c: reverse("care_task_take", args=[c.world.alfa.pk, c.volunteer_task.pk]),
        lambda c: {},
        {"vera"},
    ),
    "close": (
        lambda c: reverse("care_visit_close", args=[c.world.alfa.pk, c.visit_today.pk]),
        lambda c: {"outcome": "cancelled", "reason": "Ricovero"},
        MANAGERS,
    ),
    "gamma_assign": (
        lambda c: reverse("care_visit_assign", args=[c.world.alfa.pk, c.gamma_visit.pk]),
        lambda c: {"carer": c.walter.pk},
        set(),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(POSTS))
def test_it_lets_only_the_right_people_change_a_visit(care, care_client, action, persona):
    url, data, allowed = POSTS[action]
    before = Visit.objects.values_list("pk", "status", "carer_id").order_by("pk")
    before = list(before)
    response = care_client(persona).post(url(care), data(care))
    after = list(Visit.objects.values_list("pk", "status", "carer_id").order_by("pk"))
    if persona in allowed:
        assert response.status_code in (200, 302)
        assert after != before
    else:
        assert response.status_code == 404
        assert after == before


def test_it_lets_only_the_volunteer_claim_an_expense(care, care_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("care_expense_claim", args=[care.world.alfa.pk])
    for persona in PERSONAS:
        receipt = SimpleUploadedFile("r.pdf", b"%PDF", "application/pdf")
        data = {"day": care.today, "amount": "5.00", "description": "Bus", "receipt": receipt}
        response = care_client(persona).post(url, data)
        assert response.status_code == (302 if persona == "vera" else 404), persona
    assert Expense.objects.count() == 1


API = "/api/v1/care"
ENDPOINTS = {
    "service_users": (lambda c: f"{API}/organisations/{c.world.alfa.pk}/service-users", MANAGERS),
    "maria": (lambda c: f"{API}/service-users/{c.maria.pk}", {*MANAGERS, "carla"}),
    "maria_plans": (lambda c: f"{API}/service-users/{c.maria.pk}/plans", {*MANAGERS, "carla"}),
    "giovanni": (lambda c: f"{API}/service-users/{c.giovanni.pk}", MANAGERS),
    "zeno": (lambda c: f"{API}/service-users/{c.zeno.pk}", {"charlie"}),
    "visits": (lambda c: f"{API}/organisations/{c.world.alfa.pk}/visits", MANAGERS),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_it_answers_each_api_read_only_to_whom_it_belongs(care, care_client, endpoint, persona):
    url, allowed = ENDPOINTS[endpoint]
    response = care_client(persona).get(url(care))
    assert response.status_code == (200 if persona in allowed else 404), (endpoint, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_assigned_carer_check_in_through_the_api(care, care_client, persona):
    response = care_client(persona).post(
        f"{API}/visits/{care.visit_today.pk}/check-in", {}, content_type="application/json"
    )
    assert response.status_code == (200 if persona == "carla" else 404)
    status = Visit.objects.get(pk=care.visit_today.pk).status
    assert status == (VisitStatus.IN_PROGRESS if persona == "carla" else VisitStatus.ASSIGNED)


def test_it_logs_health_reads_through_the_api_and_hides_them_from_lists(care, care_client):
    detail = care_client("carla").get(f"{API}/service-users/{care.maria.pk}").json()
    assert detail["health"]["conditions"] == "Diabete di tipo 2"
    listing = care_client("bob").get(f"{API}/organisations/{care.world.alfa.pk}/service-users")
    assert "Diabete" not in listing.content.decode()
    assert SensitiveRead.objects.filter(user=care.world.carla).count() == 1


def test_it_forgets_a_carers_access_when_no_visit_links_them(care, care_client):
    Visit.objects.filter(carer=care.carla_carer).update(
        day=care.today - dt.timedelta(days=90), status=VisitStatus.DONE
    )
    url = reverse("care_user", args=[care.world.alfa.pk, care.maria.pk])
    assert care_client("carla").get(url).status_code == 404


MANAGER_FORMS = {
    "health": lambda c: reverse("care_user_health", args=[c.world.alfa.pk, c.maria.pk]),
    "consent": lambda c: reverse("care_consent_add", args=[c.world.alfa.pk, c.maria.pk]),
    "family": lambda c: reverse("care_family_add", args=[c.world.alfa.pk, c.maria.pk]),
    "commission": lambda c: reverse("care_commission_add", args=[c.world.alfa.pk, c.maria.pk]),
    "plan_service": lambda c: reverse("care_plan_service", args=[c.world.alfa.pk, c.plan.pk]),
    "plan_carers": lambda c: reverse("care_plan_carers", args=[c.world.alfa.pk, c.plan.pk]),
    "generate": lambda c: reverse("care_plan_generate", args=[c.world.alfa.pk, c.plan.pk]),
    "absence": lambda c: reverse("care_absence_add", args=[c.world.alfa.pk, c.walter.pk]),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("form", sorted(MANAGER_FORMS))
def test_it_accepts_the_coordinators_forms_only_from_coordinators(care, care_client, form, persona):
    response = care_client(persona).post(MANAGER_FORMS[form](care), {})
    assert (response.status_code != 404) == (persona in MANAGERS), (form, persona)


VOLUNTEER_FORMS = {
    "availability": lambda c: reverse("care_availability", args=[c.world.alfa.pk]),
    "hours": lambda c: reverse("care_hours_log", args=[c.world.alfa.pk]),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("form", sorted(VOLUNTEER_FORMS))
def test_it_accepts_the_volunteers_forms_only_from_volunteers(care, care_client, form, persona):
    response = care_client(persona).post(VOLUNTEER_FORMS[form](care), {})
    assert (response.status_code != 404) == (persona == "vera"), (form, persona)
