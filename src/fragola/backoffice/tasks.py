"""Background work: flag and escalate missed service levels (durable rows, no broker)."""

from __future__ import annotations

from django_tasks import task

from fragola.backoffice.services import requests_escalate


@task()
def requests_escalate_task() -> int:
    """Periodic: every service level missed so far, escalated once; returns how many."""
    return len(requests_escalate())
