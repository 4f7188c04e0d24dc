"""Planning services called directly with the factories."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fragola.planning.models import RunStatus
from fragola.planning.services.publish import ERR_NOT_PUBLISHABLE, planning_run_publish
from fragola.testing.factories_apps import PlanningRunFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.FAILED])
def test_only_a_ready_proposal_is_published(status: str) -> None:
    run = PlanningRunFactory(status=status)
    with pytest.raises(ValidationError) as error:
        planning_run_publish(run=run, by=None)
    assert error.value.message_dict == {"run": [str(ERR_NOT_PUBLISHABLE)]}
    run.refresh_from_db()
    assert run.status == status and run.published_at is None


def test_a_ready_proposal_without_visits_is_published_and_assigns_none() -> None:
    run = PlanningRunFactory()
    assert planning_run_publish(run=run, by=None) == 0
    run.refresh_from_db()
    assert run.status == RunStatus.ACCEPTED and run.published_at is not None
