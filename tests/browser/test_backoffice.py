"""The back office in a real browser: consortium staff record a member's request, answer it
within its service level and allocate a cost pool; the member co-op's administrator sees only
its own requests and charges."""

import pytest

from fragola.backoffice.models import Charge, RequestStatus, ServiceRequest
from fragola.testing.factories_apps import ServiceRequestFactory
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_work_a_request_and_allocate_a_cost_pool(page, world, tmp_path):
    log_in(page, "sara", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.consortium.pk}/backoffice/")
    page.get_by_label("Tipo").select_option("new_hire")
    page.get_by_label("Oggetto").fill("Assunzione OSS")
    page.get_by_label("Codice fiscale della cooperativa").fill(world.alfa.fiscal_code)
    page.get_by_role("button", name="Apri la richiesta").click()

    page.get_by_label("Risposta").fill("Documenti ricevuti, contratto pronto domani.")
    page.get_by_role("button", name="Invia la risposta").click()
    assert page.locator("#status").inner_text().strip() == "Con risposta"
    page.get_by_role("button", name="Segna come risolta").click()
    assert page.locator("#status").inner_text().strip() == "Risolta"
    request = ServiceRequest.objects.get()
    assert request.status == RequestStatus.RESOLVED
    assert request.answered_at <= request.response_due

    pools = tmp_path / "pools.csv"
    pools.write_text("pool,amount_eur,driver\nUfficio paghe,100.00,payslips\n")
    drivers = tmp_path / "drivers.csv"
    drivers.write_text(
        "coop_fiscal_code,driver,value\n"
        f"{world.alfa.fiscal_code},payslips,1\n{world.beta.fiscal_code},payslips,2\n"
    )
    page.get_by_role("link", name="Costi comuni").click()
    page.get_by_label("Mese (il primo giorno)").fill("2025-03-01")
    page.get_by_label("Centri di costo (pool, amount_eur, driver)").set_input_files(str(pools))
    page.get_by_label("Valori dei driver (coop_fiscal_code, driver, value)").set_input_files(
        str(drivers)
    )
    page.get_by_role("button", name="Prepara").click()
    table = page.locator("#allocation").inner_text()
    assert "33,33" in table and "66,67" in table
    page.get_by_role("button", name="Approva ed emetti gli addebiti").click()
    assert page.locator("#run-status").inner_text().strip() == "Approvata"
    assert page.locator("#charges tbody tr").count() == 2
    assert Charge.objects.count() == 2


def test_a_co_op_administrator_sees_only_its_own_requests(page, world):
    ServiceRequestFactory(consortium=world.consortium, coop=world.alfa, subject="Richiesta Alfa")
    other = ServiceRequestFactory(
        consortium=world.consortium, coop=world.beta, subject="Richiesta Beta"
    )
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.alfa.pk}/backoffice/")
    rows = page.locator("#requests tbody").inner_text()
    assert "Richiesta Alfa" in rows and "Richiesta Beta" not in rows
    response = page.goto(f"{page.base_url}/org/{world.alfa.pk}/backoffice/requests/{other.pk}/")
    assert response.status == 404
