"""Public contracts in a real browser: consortium staff record a tender, decide to bid, name the
executing co-ops, record the award and the contract; a member co-op's administrator then sees
only her co-op's lot."""

import datetime as dt

import pytest
from django.utils import timezone

from fragola.procurement.models import Tender
from fragola.testing.factories_apps import PublicBodyFactory
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _step(page, state: str) -> None:
    form = page.locator("#move-form")
    form.locator("select[name=to]").select_option(state)
    form.locator("button").click()
    page.wait_for_selector(".alert-success")


def _share(page, coop: str, percent: str, hours: str) -> None:
    form = page.locator("#share-form")
    form.locator("select[name=coop]").select_option(label=coop)
    form.locator("input[name=percent]").fill(percent)
    form.locator("input[name=hours_per_month]").fill(hours)
    form.locator("button").click()
    page.wait_for_selector(".alert-success")


def test_staff_take_a_tender_to_contract_and_a_member_sees_only_its_lot(
    page, browser, live_server, world
):
    body = PublicBodyFactory(name="Comune di Bergamo")
    log_in(page, "sara", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.consortium.pk}/procurement/tenders/new/")
    form = page.locator("#tender-form")
    form.locator("select[name=body]").select_option(label="Comune di Bergamo")
    form.locator("input[name=title]").fill("SAD Ambito di Bergamo")
    form.locator("input[name=cig]").fill("B1C2D3E4F5")
    form.locator("input[name=base_amount]").fill("400000")
    due = timezone.localtime() + dt.timedelta(days=20)
    form.locator("input[name=submission_due]").fill(due.strftime("%Y-%m-%dT%H:%M"))
    form.locator("button").click()
    page.wait_for_selector("#tender-state")
    tender = Tender.objects.get(body=body)

    lot = page.locator("#lot-form")
    lot.locator("input[name=number]").fill("1")
    lot.locator("input[name=title]").fill("Anziani e disabili")
    lot.locator("input[name=hours]").fill("24000")
    lot.locator("input[name=base_amount]").fill("400000")
    lot.locator("button").click()
    page.wait_for_selector("#lots >> text=Anziani e disabili")

    _step(page, "go_no_go")
    _step(page, "preparing")
    for coop in ("Alfa Cooperativa Sociale", "Beta Cooperativa Sociale"):
        named = page.locator("#executor-form")
        named.locator("select[name=coop]").select_option(label=coop)
        named.locator("button").click()
        page.wait_for_selector(f"#executors >> text={coop}")
    _step(page, "submitted")
    award = page.locator("#award-form")
    award.locator("input[name=awarded_amount]").fill("380000")
    award.locator("button").click()
    page.wait_for_selector("#contract-form")

    contract = page.locator("#contract-form")
    start = timezone.localdate().replace(day=1)
    values = {
        "number": "REP 77/2026", "signed_on": start.isoformat(), "commitment_number": "DET 12",
        "commitment_date": start.isoformat(), "starts_on": start.isoformat(),
        "ends_on": start.replace(year=start.year + 2).isoformat(), "amount": "380000",
    }  # fmt: skip
    for name, value in values.items():
        contract.locator(f"input[name={name}]").fill(value)
    contract.locator("button").click()
    page.wait_for_selector("#contract")
    _share(page, "Alfa Cooperativa Sociale", "60", "600")
    _share(page, "Beta Cooperativa Sociale", "40", "387")
    assert page.locator("#tender-state").inner_text() == "Contratto"
    tender.refresh_from_db()
    assert tender.contract.lots.get().shares.count() == 2

    context = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900})
    alice = context.new_page()
    alice.base_url = live_server.url
    try:
        log_in(alice, "alice", PASSWORD)
        alice.goto(f"{live_server.url}/org/{world.alfa.pk}/lots/")
        text = alice.locator("main").inner_text() if alice.locator("main").count() else ""
        text = text or alice.inner_text("body")
        assert "SAD Ambito di Bergamo" in text and "60,00 %" in text and "600,00" in text
        assert "40,00 %" not in text and "387" not in text and "Beta" not in text
        response = alice.goto(f"{live_server.url}/org/{world.beta.pk}/lots/")
        assert response is not None and response.status == 404
    finally:
        context.close()
