"""Background work: execute a planning run (a durable row picked up by a worker)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task

from fragola.scheduling.models import PlanningRun


@task()
def planning_run_execute(run_id: int) -> str:
    """Load the run, plan (or repair) its period, record the outcome on the row."""
    from fragola.scheduling.services import runs

    run = PlanningRun.objects.select_related("organisation").filter(pk=run_id).first()
    if run is None:
        return "missing"
    # Reasons and warnings are stored with the proposal: word them in the platform's language
    # whatever the worker thread did before.
    with translation.override(settings.LANGUAGE_CODE):
        return runs.planning_run_execute(run=run).status
