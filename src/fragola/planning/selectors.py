"""Reads of the planning app: runs, proposals by day and carer, a carer's published visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from fragola.care.models import LIVE_STATUSES, Carer, Visit
from fragola.planning.models import PlannedAssignment, PlanningRun
from fragola.registry.models import Organisation

FEED_PAST_DAYS, FEED_FUTURE_DAYS = 30, 120


def run_list(
    *, organisation: Organisation, kind: str | None = None, status: str | None = None
) -> QuerySet[PlanningRun]:
    runs = PlanningRun.objects.filter(organisation=organisation)
    if kind:
        runs = runs.filter(kind=kind)
    if status:
        runs = runs.filter(status=status)
    return runs.select_related("created_by", "absent_carer__person")


def assignments_of(run: PlanningRun) -> QuerySet[PlannedAssignment]:
    return PlannedAssignment.objects.filter(run=run).select_related(
        "visit__service_user",
        "visit__plan_service",
        "carer__person",
        "previous_carer__person",
    )


@dataclass
class Block:
    """One visit on the timeline: position and width in % of the day shown."""

    row: PlannedAssignment
    left: float
    width: float


@dataclass
class CarerDay:
    carer: Carer
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Board:
    day: dt.date
    days: list[dt.date]
    carers: list[CarerDay]
    rows: list[PlannedAssignment]
    left_out: list[PlannedAssignment]
    hours: list[tuple[int, float]]

    @property
    def unavailable(self) -> list[PlannedAssignment]:
        """Left out because they fell outside the availability of the carer they were given."""
        return [r for r in self.left_out if r.unavailable]


TIMELINE_FROM, TIMELINE_TO = 6, 22  # hours shown on the timeline


def _block(row: PlannedAssignment) -> Block:
    assert row.starts_at is not None
    start = timezone.localtime(row.starts_at)
    span = (TIMELINE_TO - TIMELINE_FROM) * 60
    minute = start.hour * 60 + start.minute - TIMELINE_FROM * 60
    length = row.visit.planned_minutes
    left = max(0.0, min(100.0, 100 * minute / span))
    return Block(row, left, max(0.8, min(100.0 - left, 100 * length / span)))


def board_for(*, run: PlanningRun, day: dt.date) -> Board:
    """The proposal of one day, per carer (timeline) and as a list; two queries."""
    rows = list(assignments_of(run).filter(visit__day=day).order_by("starts_at", "visit__slot"))
    left_out = list(
        assignments_of(run).filter(left_out=True).order_by("visit__day", "visit__starts_at")
    )
    by_carer: dict[int, CarerDay] = {}
    for row in rows:
        if row.left_out or row.carer is None:
            continue
        entry = by_carer.setdefault(row.carer.pk, CarerDay(row.carer))
        entry.blocks.append(_block(row))
    carers = sorted(by_carer.values(), key=lambda c: str(c.carer))
    days = [run.period_start + dt.timedelta(days=i) for i in range(run_days(run))]
    span = TIMELINE_TO - TIMELINE_FROM
    hours = [(h, 100 * (h - TIMELINE_FROM) / span) for h in range(TIMELINE_FROM, TIMELINE_TO)]
    return Board(day, days, carers, rows, left_out, hours)


def run_days(run: PlanningRun) -> int:
    return (run.period_end - run.period_start).days + 1


def changes_of(run: PlanningRun) -> list[PlannedAssignment]:
    """A repair's rows: each visit whose carer or time changes, or that is left out."""
    return list(assignments_of(run).order_by("visit__starts_at", "visit__slot"))


def published_visits(*, carer: Carer, today: dt.date | None = None) -> QuerySet[Visit]:
    """A carer's published visits (assigned, started or done) around today."""
    today = today or timezone.localdate()
    return (
        Visit.objects.filter(
            carer=carer,
            status__in=LIVE_STATUSES,
            day__gte=today - dt.timedelta(days=FEED_PAST_DAYS),
            day__lte=today + dt.timedelta(days=FEED_FUTURE_DAYS),
        )
        .select_related("service_user__comune", "plan_service")
        .order_by("starts_at")
    )
