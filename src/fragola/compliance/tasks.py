"""Background work: re-check an organisation after a change (durable rows, no broker)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from fragola.compliance.services import compliance_scan


@task()
def compliance_scan_task(organisation_id: int) -> int:
    """Evaluate one organisation and sync its alerts; returns the number of alerts opened."""
    return len(compliance_scan(org_ids=[organisation_id]))


@task()
def compliance_scan_all_task(today: str) -> int:
    """Periodic: evaluate every organisation on ``today`` (ISO date), open and resolve alerts
    (the new ones are e-mailed); returns the number of alerts opened."""
    return len(compliance_scan(today=dt.date.fromisoformat(today)))


def enqueue_scan(organisation_id: int) -> None:
    compliance_scan_task.enqueue(organisation_id)
