"""Integration projects through the pages: reviews, closing (with its effect on the 30 %)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fragola.compliance.models import ComplianceOverride
from fragola.integration import services
from fragola.integration.models import Outcome, ProjectStatus
from fragola.integration.tests.helpers import hire, project_for, staff, today
from fragola.workforce.models import Employment

pytestmark = pytest.mark.django_db


def detail(world, project) -> str:
    return reverse("integration:project_detail", args=[world.beta.pk, project.pk])


def test_a_tutor_records_a_review_held_with_the_referring_service(world, client_for):
    project = project_for(staff(world.beta, 3, 1)[0], tutor_id=world.tina.pk)
    tina = client_for("tina")
    response = tina.post(
        reverse("integration:review_add", args=[world.beta.pk, project.pk]),
        {"scheduled_on": "2026-02-10", "held": "on", "participants": "SerD, tutor",
         "outcome": "Obiettivi raggiunti"},
    )  # fmt: skip
    assert response.status_code == 302
    page = tina.get(detail(world, project)).content.decode()
    assert "Obiettivi raggiunti" in page and "SerD, tutor" in page


def test_a_review_that_took_place_needs_its_outcome(world, client_for):
    project = project_for(staff(world.beta, 3, 1)[0])
    response = client_for("tina").post(
        reverse("integration:review_add", args=[world.beta.pk, project.pk]),
        {"scheduled_on": "2026-02-10", "held": "on"},
    )
    assert response.status_code == 422
    assert str(services.ERR_REVIEW_OUTCOME) in response.content.decode()
    assert not project.reviews.exists()


def test_closing_with_a_job_on_the_open_market_ends_the_contract_and_lowers_the_forecast(
    world, client_for
):
    employment = staff(world.beta, 10, 4)[0]
    project = project_for(employment, tutor_id=world.tina.pk)
    tina = client_for("tina")
    ratio = reverse("integration:ratio", args=[world.beta.pk])
    before = tina.get(ratio).context["view"].rows
    assert (before[1].disadvantaged, before[1].workers) == (4, 14)
    response = tina.post(
        reverse("integration:project_close", args=[world.beta.pk, project.pk]),
        {"ended_on": today().isoformat(), "outcome": Outcome.HIRED_OPEN_MARKET},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.outcome) == (ProjectStatus.CLOSED, Outcome.HIRED_OPEN_MARKET)
    assert Employment.objects.get(pk=employment.pk).ended_on == today()
    after = tina.get(ratio).context["view"].rows
    assert (after[1].disadvantaged, after[1].workers) == (3, 13)
    assert after[0].disadvantaged == 4  # the last day worked is today


def test_closing_that_would_breach_the_thirty_percent_needs_a_reason(world, client_for):
    employment = staff(world.beta, 10, 3)[0]
    project = project_for(employment)
    close = reverse("integration:project_close", args=[world.beta.pk, project.pk])
    data = {"ended_on": today().isoformat(), "outcome": Outcome.DROPPED_OUT}
    response = client_for("tina").post(close, data)
    assert response.status_code == 422
    assert "L4.2" in response.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    response = client_for("tina").post(close, {**data, "override_reason": "Sostituzione in corso"})
    assert response.status_code == 302
    assert ComplianceOverride.objects.get().reason == "Sostituzione in corso"


def test_a_renewal_after_a_fixed_term_starts_an_open_ended_contract(world):
    end = today() + dt.timedelta(days=20)
    employment = hire(world.beta, disadvantaged=True, end=end)
    staff(world.beta, 3, 0)
    project = project_for(employment)
    services.project_close(project=project, ended_on=today(), outcome=Outcome.CONTRACT_RENEWED)
    renewed = Employment.objects.filter(person=employment.person).order_by("started_on")
    assert [(e.started_on, e.ended_on) for e in renewed][-1] == (
        end + dt.timedelta(days=1),
        None,
    )


def test_the_tutor_of_a_project_must_be_a_tutor_of_the_coop(world):
    employment = staff(world.beta, 1, 1)[0]
    with pytest.raises(ValidationError) as caught:
        project_for(employment, tutor_id=world.alice.pk)
    assert caught.value.message_dict["tutor"] == [str(services.ERR_TUTOR_ROLE)]


def test_a_timesheet_takes_decimal_hours_within_a_day(world):
    employment = hire(world.beta)
    entry = services.timesheet_record(employment=employment, day=today(), hours=Decimal("6.25"))
    assert entry.hours == Decimal("6.25")
    again = services.timesheet_record(employment=employment, day=today(), hours=Decimal("7.5"))
    assert again.pk == entry.pk and again.hours == Decimal("7.5")
    for wrong in (Decimal(0), Decimal("24.5")):
        with pytest.raises(ValidationError):
            services.timesheet_record(employment=employment, day=today(), hours=wrong)
