"""Out-of-date proposals: publishing a plan (or accepting a repair) closes the older open
proposals of an overlapping period, and an older proposal can never be published over it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fragola.planning.models import PlanningRun, RunStatus

ERR_STALE = _(
    "This proposal is out of date: a newer one for an overlapping period (%(period)s, created "
    "on %(created)s) has already been published. Start a new run to plan the period again."
)


def _overlapping(run: PlanningRun) -> QuerySet[PlanningRun]:
    return PlanningRun.objects.filter(
        organisation_id=run.organisation_id,
        period_start__lte=run.period_end,
        period_end__gte=run.period_start,
    ).exclude(pk=run.pk)


def newer_published(run: PlanningRun) -> PlanningRun | None:
    """The latest published plan or accepted repair of an overlapping period created after
    ``run`` (ids grow with creation), if any: ``run`` was computed without it."""
    newer = _overlapping(run).filter(status=RunStatus.ACCEPTED, pk__gt=run.pk)
    return newer.order_by("-pk").first()


def period_label(run: PlanningRun) -> str:
    start = formats.date_format(run.period_start, "SHORT_DATE_FORMAT")
    if run.period_end == run.period_start:
        return start
    return f"{start} – {formats.date_format(run.period_end, 'SHORT_DATE_FORMAT')}"  # noqa: RUF001


def superseding(run: PlanningRun) -> PlanningRun | None:
    """The published run that makes ``run`` out of date: the one recorded when it was closed,
    else a newer published one (a proposal left ready before closing existed)."""
    if run.status == RunStatus.SUPERSEDED and run.superseded_by is not None:
        return run.superseded_by
    return newer_published(run)


def refuse_if_stale(run: PlanningRun) -> None:
    """Raise ``ERR_STALE`` if a newer overlapping proposal is already published."""
    newer = superseding(run)
    if newer is None:
        return
    created = formats.date_format(timezone.localtime(newer.created_at), "SHORT_DATETIME_FORMAT")
    raise ValidationError({"run": ERR_STALE % {"period": period_label(newer), "created": created}})


def close_older_proposals(run: PlanningRun) -> int:
    """Mark the open proposals (ready, not published) of an overlapping period created before
    ``run`` as superseded by it. Returns how many were closed."""
    older = _overlapping(run).filter(status=RunStatus.DONE, pk__lt=run.pk)
    return older.update(status=RunStatus.SUPERSEDED, superseded_by=run, updated_at=timezone.now())
