"""Background work: execute a planning run (a durable row picked up by a worker), and find
runs whose worker died. Tasks load by id, call one service and record the outcome."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from fragola.planning.models import PlanningRun
from fragola.planning.services import execute, reap


@task(queue_name="planning")
def planning_run_execute(run_id: int) -> str:
    """Load the run, plan (or repair) its period, record the outcome on the row."""
    run = PlanningRun.objects.select_related("organisation").filter(pk=run_id).first()
    if run is None:
        return "missing"
    # Reasons and warnings are stored with the proposal: word them in the platform's language
    # whatever the worker thread did before.
    with translation.override(settings.LANGUAGE_CODE):
        return execute.planning_run_execute(run=run).status


@task()
def planning_runs_reap_stale() -> int:
    """Periodic: mark failed the running runs whose worker died. Returns how many."""
    with translation.override(settings.LANGUAGE_CODE):
        return len(reap.planning_runs_reap_stale(now=timezone.now()))
