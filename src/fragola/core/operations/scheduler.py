"""Periodic work: enqueue background tasks on a cron schedule (cronsim, healthchecks' engine).

The schedule is a plain list of ``Periodic`` entries kept at the composition root
(``fragola.schedule``, named by ``settings.FRAGOLA_SCHEDULE``). Each ``tick`` fires every entry
whose latest due time (in Europe/Rome) has not fired yet. The firing is claimed by inserting one
``ScheduledFiring`` row, unique on (job, due time), in the same transaction as the enqueue: with
several scheduler processes a slot fires exactly once, and after downtime only the latest missed
slot fires (once), never a burst of every slot missed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cronsim import CronSim
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from fragola.core.models import ScheduledFiring

logger = logging.getLogger(__name__)

# Slots older than this are not fired late: a daily job missed for a week fires at its next
# slot, not at start-up with a week-old date.
CATCH_UP = dt.timedelta(days=1)


@dataclass(frozen=True)
class Periodic:
    """``enqueue(due)`` puts the job's tasks on the queue for the slot due at ``due``."""

    name: str
    cron: str
    enqueue: Callable[[dt.datetime], object]

    def latest_due(self, now: dt.datetime) -> dt.datetime:
        """The latest slot at or before ``now`` (local time, whole seconds)."""
        local = timezone.localtime(now).replace(microsecond=0) + dt.timedelta(seconds=1)
        return next(CronSim(self.cron, local, reverse=True))


def schedule_load() -> Sequence[Periodic]:
    schedule: Sequence[Periodic] = import_string(settings.FRAGOLA_SCHEDULE)
    return schedule


def tick(*, now: dt.datetime, schedule: Sequence[Periodic]) -> list[str]:
    """Fire every entry whose latest slot is due and unclaimed; returns the names fired."""
    fired = []
    for job in schedule:
        due = job.latest_due(now)
        if now - due > CATCH_UP or _fire(job, due, now):
            continue
        fired.append(job.name)
    return fired


def _fire(job: Periodic, due: dt.datetime, now: dt.datetime) -> bool:
    """Claim the slot and enqueue its tasks in one transaction. True if already claimed."""
    if ScheduledFiring.objects.filter(job=job.name, due_at=due).exists():
        return True
    try:
        with transaction.atomic():
            ScheduledFiring.objects.create(job=job.name, due_at=due, fired_at=now)
            job.enqueue(due)
    except IntegrityError:  # another scheduler claimed it first
        return True
    logger.info("scheduled job %s fired for %s", job.name, due.isoformat())
    return False


def run(*, schedule: Sequence[Periodic], interval: float, once: bool = False) -> None:
    """Tick now and then every ``interval`` seconds until interrupted; survives database errors
    (a locked SQLite file, a restarted PostgreSQL) by logging and trying again next tick."""
    while True:
        close_old_connections()
        try:
            tick(now=timezone.now(), schedule=schedule)
        except Exception:
            logger.exception("scheduler tick failed; trying again in %s s", interval)
        if once:
            return
        time.sleep(interval)
