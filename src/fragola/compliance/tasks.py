"""Background work: re-check an organisation after a change (durable rows, no broker)."""

from __future__ import annotations

from django_tasks import task

from fragola.compliance.services import compliance_scan


@task()
def compliance_scan_task(organisation_id: int) -> int:
    """Evaluate one organisation and sync its alerts; returns the number of alerts opened."""
    return len(compliance_scan(org_ids=[organisation_id]))


def enqueue_scan(organisation_id: int) -> None:
    compliance_scan_task.enqueue(organisation_id)
