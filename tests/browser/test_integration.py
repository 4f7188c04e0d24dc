"""Work integration in a real browser: a tutor reviews and closes a path; the 30 % moves."""

import pytest

from fragola.integration.models import IntegrationProject, Outcome
from fragola.integration.tests.helpers import hire, project_for, staff, today
from fragola.testing.personas import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def forecast_cells(page, row: int) -> tuple[str, str, str]:
    cells = page.locator("#forecast tbody tr").nth(row)
    return (
        cells.locator(".workers").inner_text(),
        cells.locator(".disadvantaged").inner_text(),
        cells.locator(".ratio").inner_text(),
    )


def test_a_tutor_records_a_review_and_closes_a_path_with_a_hire(page, world):
    staff(world.beta, 10, 3)
    worker = hire(world.beta, disadvantaged=True, last_name="Verdi")
    project = project_for(worker, tutor_id=world.tina.pk)
    ratio_url = f"{page.base_url}/org/{world.beta.pk}/integration/ratio/"
    log_in(page, "tina", PASSWORD)

    page.goto(ratio_url)
    assert page.locator("#live-ratio").inner_text() == "40,0 %"
    assert forecast_cells(page, 1) == ("14", "4", "40,0 %")

    page.goto(f"{page.base_url}/org/{world.beta.pk}/integration/")
    page.locator("#projects tbody tr", has_text="Verdi").get_by_role("link").click()
    review = page.locator("#review-form")
    review.locator("input[name=scheduled_on]").fill(today().isoformat())
    review.locator("input[name=held]").check()
    review.locator("input[name=participants]").fill("SerD, tutor, lavoratore")
    review.locator("textarea[name=outcome]").fill("Pronto per un lavoro fuori dalla cooperativa")
    review.locator("button").click()
    assert "Pronto per un lavoro" in page.locator("#reviews tbody").inner_text()

    close = page.locator("#close-form")
    close.locator("input[name=ended_on]").fill(today().isoformat())
    close.locator("select[name=outcome]").select_option(Outcome.HIRED_OPEN_MARKET)
    close.locator("button").click()
    assert page.locator("#project-outcome").is_visible()
    assert IntegrationProject.objects.get(pk=project.pk).outcome == Outcome.HIRED_OPEN_MARKET

    page.goto(ratio_url)
    assert forecast_cells(page, 0) == ("14", "4", "40,0 %")  # today is the last day worked
    assert forecast_cells(page, 1) == ("13", "3", "30,0 %")
    assert forecast_cells(page, 12) == ("13", "3", "30,0 %")
