"""Fragola's periodic work, in one list (the composition root, like ``urls.py``).

``fragola scheduler`` fires each entry on its cron schedule (local time, Europe/Rome) by putting
its tasks on the queue; the workers (``fragola worker``) run them. Each entry is a name, a cron
expression and a function of the slot's due time that enqueues the tasks.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fragola.backoffice.tasks import requests_escalate_task
from fragola.care.tasks import visits_roll_forward_enqueue
from fragola.compliance.tasks import compliance_scan_all_task
from fragola.core.operations.scheduler import Periodic
from fragola.planning.tasks import planning_runs_reap_stale
from fragola.registry.importing.tasks import import_jobs_reap_stale


def _day(due: dt.datetime) -> dt.date:
    return timezone.localdate(due)


SCHEDULE = [
    # Every active care plan generated four weeks ahead, each night.
    Periodic(
        "visits-roll-forward",
        "30 1 * * *",
        lambda due: visits_roll_forward_enqueue(today=_day(due)),
    ),
    # Law 381 checks of every organisation on the day: alerts opened and resolved, the new ones
    # e-mailed to the co-op's admins (and its consortium's staff for a breach).
    Periodic(
        "compliance-scan",
        "0 3 * * *",
        lambda due: compliance_scan_all_task.enqueue(_day(due).isoformat()),
    ),
    # Jobs whose worker died are marked failed with their reason, nothing of them kept.
    Periodic(
        "planning-runs-reap-stale", "*/5 * * * *", lambda due: planning_runs_reap_stale.enqueue()
    ),
    # Service levels of the back office's requests: each breach flagged and escalated once.
    Periodic("backoffice-escalate", "*/10 * * * *", lambda due: requests_escalate_task.enqueue()),
    Periodic("imports-reap-stale", "*/5 * * * *", lambda due: import_jobs_reap_stale.enqueue()),
]
