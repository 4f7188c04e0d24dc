"""The registry's main flow in a real browser: log in, open the book, admit, see the history."""

import datetime as dt

import pytest

from fragola.registry.models import Membership
from fragola.testing.factories import MembershipFactory
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_admits_an_applicant_and_sees_it_in_the_history(page, world):
    applicant = MembershipFactory(
        organisation=world.alfa,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2025, 9, 1),
        person__last_name="Verdi",
        person__first_name="Giulia",
        person__sex="F",
    )
    log_in(page, "alice", PASSWORD)
    page.get_by_role("link", name="Libro soci").click()
    page.get_by_label("Cerca").fill("Verdi")
    row = page.locator("#book-table tbody tr", has_text="Verdi")
    row.get_by_role("link").click()

    page.get_by_label("Data della delibera del consiglio").fill("2025-09-15")
    page.get_by_role("button", name="Ammetti").click()

    assert page.locator("#member-status").inner_text().strip().lower() == "ammesso"
    number = Membership.objects.get(pk=applicant.pk).member_number
    assert page.locator("#member-number").inner_text() == str(number)

    page.get_by_role("link", name="Storia del libro").click()
    first_row = page.locator("#history tbody tr").first
    assert "Verdi" in first_row.inner_text()
    assert "alice" in first_row.inner_text()


def test_another_cooperatives_administrator_cannot_open_the_book(page, world):
    log_in(page, "charlie", PASSWORD)
    response = page.goto(f"{page.base_url}/org/{world.alfa.pk}/members/")
    assert response.status == 404
    assert "Verdi" not in page.content()
