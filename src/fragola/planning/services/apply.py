"""Applying a proposal's rows to the care visits (publish and accept a repair)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from fragola.care.models import OPEN_STATUSES, Visit, VisitStatus
from fragola.planning.models import PlannedAssignment


def apply_rows(rows: Iterable[PlannedAssignment], by: User | None) -> list[Visit]:
    """Carer and start of each row onto its visit (still open), status assigned; a visit left
    out goes back to planned without a carer. Returns the visits changed."""
    changed: list[Visit] = []
    for row in rows:
        visit = row.visit
        if visit.status not in OPEN_STATUSES:
            continue
        if row.left_out or row.carer_id is None or row.starts_at is None:
            visit.carer, visit.status = None, VisitStatus.PLANNED
        else:
            length = visit.ends_at - visit.starts_at
            visit.carer_id, visit.status = row.carer_id, VisitStatus.ASSIGNED
            visit.starts_at, visit.ends_at = row.starts_at, row.starts_at + length
        visit.status_changed_by = by
        changed.append(visit)
    fields = ["carer", "status", "starts_at", "ends_at", "status_changed_by"]
    Visit.objects.bulk_update(changed, fields, batch_size=500)
    return changed
