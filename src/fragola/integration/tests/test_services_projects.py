"""The project services, called directly with the factories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.integration import services
from fragola.integration.models import IntegrationProject, PlannedChange
from fragola.integration.services import (
    ERR_CLOSED,
    ERR_EMPLOYMENT_OTHER,
    ERR_PERSON_OTHER_ORG,
    ERR_PLANNED_KIND,
)
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory, PersonFactory
from fragola.testing.factories_apps import EmploymentFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 4)


def _data(**changes: object) -> services.ProjectData:
    values: dict[str, object] = {
        "referring_service": "serd", "referrer_name": "Dott.ssa Neri",
        "goals": "Puntualità", "weekly_hours": Decimal(20), "started_on": DAY,
    }  # fmt: skip
    return services.ProjectData(**{**values, **changes})  # type: ignore[arg-type]


def test_a_project_is_for_a_person_of_the_coop_and_their_own_contract() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    person = PersonFactory(organisation=coop)
    someone_elses = EmploymentFactory(organisation=coop)
    with pytest.raises(ValidationError) as error:
        services.project_start(
            organisation=coop, person=PersonFactory(), data=_data(employment=someone_elses)
        )
    assert error.value.message_dict["person"] == [str(ERR_PERSON_OTHER_ORG)]
    assert error.value.message_dict["employment"] == [str(ERR_EMPLOYMENT_OTHER)]
    with pytest.raises(ValidationError) as error:
        services.project_start(
            organisation=coop, person=person, data=_data(employment=someone_elses)
        )
    assert error.value.message_dict == {"employment": [str(ERR_EMPLOYMENT_OTHER)]}
    assert not IntegrationProject.objects.exists()


def test_a_closed_project_cannot_be_closed_again() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    project = services.project_start(
        organisation=coop, person=PersonFactory(organisation=coop), data=_data()
    )
    services.project_close(
        project=project, ended_on=DAY + dt.timedelta(days=90), outcome="dropped_out"
    )
    with pytest.raises(ValidationError) as error:
        services.project_close(
            project=project, ended_on=DAY + dt.timedelta(days=120), outcome="hired_open_market"
        )
    assert error.value.message_dict == {"outcome": [str(ERR_CLOSED)]}
    project.refresh_from_db()
    assert (project.outcome, project.ended_on) == ("dropped_out", DAY + dt.timedelta(days=90))


def test_a_planned_change_is_a_hire_or_an_end() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    with pytest.raises(ValidationError) as error:
        services.planned_change_add(organisation=coop, kind="promotion", on=DAY)
    assert error.value.message_dict == {"kind": [str(ERR_PLANNED_KIND)]}
    assert not PlannedChange.objects.exists()
