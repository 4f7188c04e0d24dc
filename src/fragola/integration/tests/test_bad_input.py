"""Projects that would end before they start are refused with the field named."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.integration import services
from fragola.integration.models import IntegrationProject, ReferringService
from fragola.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_project_planned_to_end_before_it_starts(world):
    data = services.ProjectData(
        referring_service=ReferringService.SERD,
        referrer_name="SerD Bergamo",
        goals="Autonomia lavorativa",
        weekly_hours=Decimal("20"),
        started_on=dt.date(2026, 3, 1),
        planned_end_on=dt.date(2026, 2, 28),
    )
    with pytest.raises(ValidationError) as exc:
        services.project_start(
            organisation=world.beta, person=PersonFactory(organisation=world.beta), data=data
        )
    assert exc.value.message_dict["planned_end_on"] == [str(services.ERR_PLANNED_END_BEFORE_START)]
    assert not IntegrationProject.objects.exists()
