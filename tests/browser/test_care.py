"""Home care in a real browser: the coordinator's plan, the carer's phone, the volunteer's
claim and the family portal."""

from __future__ import annotations

from pathlib import Path

import pytest

from fragola.care.models import CarePlan, Expense, ServiceUser, Visit, VisitStatus
from fragola.care.tests.personas import build_care_world
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def care(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_care_world(world)


def test_a_coordinator_registers_a_user_writes_a_plan_and_generates_visits(page, care):
    log_in(page, "bob", PASSWORD)
    page.goto(f"{page.base_url}/org/{care.world.alfa.pk}/care/")
    page.click("#new-user")
    page.fill("#id_first_name", "Ada")
    page.fill("#id_last_name", "Verdi")
    page.fill("#id_address", "Via Tasso 4")
    page.fill("#id_comune", "016024")
    page.fill("#id_conditions", "Artrosi")
    page.click("#register")
    page.wait_for_selector("#service-user-name")
    assert page.inner_text("#service-user-name") == "Verdi Ada"

    page.click("#new-plan")
    page.fill("#id_assessed_on", "2026-10-01")
    page.fill("#id_valid_from", "2026-10-01")
    page.fill("#id_goals", "Restare a casa in sicurezza")
    page.fill("#id_family_tasks", "Il figlio fa la spesa")
    page.click("#save-plan")
    page.select_option("#id_kind", "personal_care")
    for weekday in range(5):
        page.check(f"#id_weekdays_{weekday}")
    page.fill("#id_window_start", "08:00")
    page.fill("#id_window_end", "10:00")
    page.select_option("#id_qualification", "oss")
    page.click("#add-service")
    page.wait_for_selector("#plan-services tbody tr >> text=08:00")
    page.fill("#id_start", "2026-10-19")
    page.fill("#id_end", "2026-11-01")
    page.click("#generate")
    page.wait_for_selector(".alert-success")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "care-plan.png"), full_page=True)

    ada = ServiceUser.objects.get(last_name="Verdi")
    assert CarePlan.objects.get(service_user=ada).family_tasks == "Il figlio fa la spesa"
    assert Visit.objects.filter(service_user=ada).count() == 10
    assert "10" in page.inner_text(".alert-success")


def test_a_carer_checks_in_and_out_on_a_phone(browser, live_server, care):
    lat, lon = float(care.maria.latitude), float(care.maria.longitude)
    context = browser.new_context(
        locale="it-IT",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": lat + 0.0005, "longitude": lon},
        permissions=["geolocation"],
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        log_in(page, "carla", PASSWORD)
        page.goto(f"{live_server.url}/me/today/")
        card = page.locator(f"#card-{care.visit_today.pk}")
        assert "Rossi Maria" in card.inner_text()
        card.locator(".check-in").click()
        page.wait_for_selector(f"#card-{care.visit_today.pk}[data-status=in_progress]")
        card.locator("textarea[name=tasks_done]").fill("Igiene e colazione")
        card.locator("textarea[name=handover_notes]").fill("Ha dormito poco")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "care-today-phone.png"), full_page=True)
        card.locator(".check-out").click()
        page.wait_for_selector(f"#card-{care.visit_today.pk}[data-status=done]")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # nothing overflows sideways on the phone
    finally:
        context.close()
    visit = Visit.objects.get(pk=care.visit_today.pk)
    assert visit.status == VisitStatus.DONE
    assert (visit.in_area_at_check_in, visit.in_area_at_check_out) == (True, True)
    assert visit.handover_notes == "Ha dormito poco"


def test_a_volunteer_takes_a_task_and_claims_an_expense_with_a_receipt(page, care, tmp_path):
    receipt = Path(tmp_path) / "scontrino.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    log_in(page, "vera", PASSWORD)
    page.goto(f"{page.base_url}/org/{care.world.alfa.pk}/care/volunteer/")
    page.locator(".take-task").first.click()
    page.wait_for_selector(".alert-success")
    assert Visit.objects.filter(carer=care.vera_volunteer).count() == 1

    page.fill("#id_amount", "7.40")
    page.fill("#id_description", "Biglietto autobus")
    page.click("#claim")
    page.wait_for_selector("#id_receipt.is-invalid, .invalid-feedback, .alert-danger")
    assert "L2.3" in page.content()
    page.fill("#id_amount", "7.40")
    page.fill("#id_description", "Biglietto autobus")
    page.set_input_files("#id_receipt", str(receipt))
    page.click("#claim")
    page.wait_for_selector("#expenses >> text=Biglietto autobus")
    assert Expense.objects.get().receipt.name.endswith(".pdf")


def test_a_family_member_sees_only_their_relative(page, care):
    log_in(page, "fiona", PASSWORD)
    page.goto(f"{page.base_url}/family/")
    assert page.inner_text("#relative-name") == "Rossi Maria"
    assert "Diabete" not in page.content()
    response = page.goto(f"{page.base_url}/family/{care.giovanni.pk}/")
    assert response.status == 404
    assert "Bianchi" not in page.content()
