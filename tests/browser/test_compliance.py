"""Law 381 checked live, in a real browser: L2.1 stops an admission; the board shows a breach."""

import datetime as dt

import pytest

from fragola.registry.models import MemberCategory
from fragola.testing.factories import MembershipFactory
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admission_that_breaks_l2_1_is_stopped_and_an_override_shows_on_the_board(page, world):
    # Alfa has one worker; one volunteer keeps it at exactly half, a second would break L2.1.
    MembershipFactory(organisation=world.alfa, category=MemberCategory.VOLUNTEER)
    applicant = MembershipFactory(
        organisation=world.alfa,
        category=MemberCategory.VOLUNTEER,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2026, 10, 1),
    )
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.alfa.pk}/members/{applicant.pk}/")
    page.get_by_label("Data della delibera del consiglio").fill("2026-10-20")
    page.get_by_role("button", name="Ammetti").click()

    error = page.locator(".invalid-feedback, .alert-danger").first
    assert "L2.1" in error.inner_text()
    assert page.locator("#member-status").inner_text().strip() == "In attesa di ammissione"

    page.get_by_label("Data della delibera del consiglio").fill("2026-10-20")
    reason = "Delibera urgente: nuovi soci lavoratori a novembre"
    page.locator("textarea[name=override_reason]").fill(reason)
    page.get_by_role("button", name="Ammetti").click()
    assert page.locator("#member-status").inner_text().strip() == "Ammesso"

    page.get_by_role("button", name="Alice Persona").click()
    page.get_by_role("button", name="Esci").click()
    log_in(page, "sara", PASSWORD)
    page.goto(f"{page.base_url}/org/{world.consortium.pk}/compliance/board/")
    cell = page.locator(f"tr[data-org='{world.alfa.fiscal_code}'] td[data-rule='L2.1']")
    assert cell.get_attribute("data-status") == "breach"
    # The co-op's findings, worded only when asked for, open under its row.
    page.locator(f"tr[data-org='{world.alfa.fiscal_code}'] a.board-explain").click()
    findings = page.locator(f"ul[data-findings='{world.alfa.fiscal_code}'] li[data-rule='L2.1']")
    findings.wait_for()
    assert "L2.1" in findings.inner_text()
    assert page.url.endswith("/compliance/board/")  # still the board: the row came by htmx
