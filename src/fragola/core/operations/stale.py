"""Jobs whose worker died: one mechanism for every kind of job row.

A job row that says "running" keeps a heartbeat while its worker works. When the worker is killed
(out of memory, a restart, SIGKILL) the heartbeat stops and the row would say "running" forever.
``reap_stale`` finds such rows, rechecks each under a row lock (a job that finishes meanwhile is
left alone) and hands it to the job's own ``fail``, which undoes what the job wrote if anything
survived and records the reason. Each app plugs its job model in by calling this from its own
reaper (``planning_runs_reap_stale``, ``jobs_recover`` for imports); the schedule at the
composition root runs the reapers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction

Job = TypeVar("Job", bound=models.Model)


def reap_stale(
    running: models.QuerySet[Job],
    *,
    now: dt.datetime,
    silent: Callable[[Job, dt.datetime], bool],
    fail: Callable[[Job, dt.datetime], None],
) -> list[Job]:
    """Fail (through ``fail``) every row of ``running`` that has been ``silent`` at ``now``;
    returns the rows failed. Each row's failure is its own transaction."""
    reaped = []
    for candidate in running:
        if not silent(candidate, now):
            continue
        with transaction.atomic():
            job = running.select_for_update().filter(pk=candidate.pk).first()
            if job is None or not silent(job, now):
                continue
            fail(job, now)
            reaped.append(job)
    return reaped
