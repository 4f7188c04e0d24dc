"""A visit's life: assignment by hand (with its checks), check-in and out, cancel, miss."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from fragola.care.domain import ROME, inside_area
from fragola.care.models import (
    OPEN_STATUSES,
    Absence,
    Availability,
    Carer,
    CarerQualification,
    Qualification,
    Visit,
    VisitStatus,
    VolunteerLog,
)
from fragola_law import volunteer_assignment_breach

ERR_OTHER_ORGANISATION = _("This carer works for another organisation.")
ERR_CARER_INACTIVE = _("This carer is no longer active.")
ERR_QUALIFICATION = _("This visit needs the qualification “%(qualification)s”.")
ERR_REFUSED = _("The service user has refused this carer.")
ERR_ABSENT = _("The carer is absent on that day (%(absence)s).")
ERR_DOUBLE_BOOKED = _("The carer already has a visit at that time.")
ERR_VOLUNTEER_UNINSURED = _(
    "A volunteer must have valid accident insurance (INAIL) before any visit "
    "(L. 381/1991 art. 2(3), rule L2.2)."
)
ERR_VOLUNTEER_NOT_COMPLEMENTARY = _(
    "Volunteers only take complementary volunteer tasks; professional care is never theirs "
    "(L. 381/1991 art. 2(5), rule L2.4)."
)
VOLUNTEER_ERRORS = {"L2.2": ERR_VOLUNTEER_UNINSURED, "L2.4": ERR_VOLUNTEER_NOT_COMPLEMENTARY}
ERR_NOT_ASSIGNABLE = _("Only a planned or assigned visit can be assigned.")
ERR_NOT_CHECKABLE_IN = _("Only an assigned visit can be checked in.")
ERR_NOT_IN_PROGRESS = _("Check in before checking out.")
ERR_NOT_CANCELLABLE = _("A visit that is done or already closed cannot be cancelled.")
ERR_REASON_REQUIRED = _("Say why.")
ERR_CHECK_OUT_BEFORE_IN = _("The check-out cannot come before the check-in.")
ERR_ALREADY_IN_VISIT = _(
    "%(carer)s is still checked in at %(user)s: check out there before checking in here."
)
ERR_UNAVAILABLE = _(
    "%(carer)s is not available on %(weekday)s %(visit_hours)s: their declared hours that day "
    "are %(hours)s. Tick “assign anyway” to assign the visit all the same."
)
NO_HOURS = _("no hours")
WARN_NO_AVAILABILITY = _(
    "%(carer)s has no availability recorded: check with them that they can come."
)

Position = tuple[float, float]


def _check_qualification(visit: Visit, carer: Carer) -> None:
    needed = visit.plan_service.qualification
    if needed == Qualification.NONE:
        return
    held = CarerQualification.objects.filter(carer=carer, kind=needed).first()
    if held is None or not held.valid_on(visit.day):
        label = Qualification(needed).label
        raise ValidationError({"carer": ERR_QUALIFICATION % {"qualification": label}})


def _check_absence(visit: Visit, carer: Carer) -> None:
    absence = Absence.objects.filter(
        carer=carer, starts_on__lte=visit.day, ends_on__gte=visit.day
    ).first()
    if absence is not None:
        raise ValidationError({"carer": ERR_ABSENT % {"absence": absence.get_kind_display()}})


def _check_double_booking(visit: Visit, carer: Carer) -> None:
    clash = (
        Visit.objects.filter(carer=carer, starts_at__lt=visit.ends_at, ends_at__gt=visit.starts_at)
        .exclude(pk=visit.pk)
        .exclude(status__in=[VisitStatus.CANCELLED, VisitStatus.MISSED])
    )
    if clash.exists():
        raise ValidationError({"carer": ERR_DOUBLE_BOOKED})


def _local_hours(visit: Visit) -> tuple[dt.time, dt.time, bool]:
    """The visit's start and end as wall-clock times in Rome, and whether it ends that day."""
    start, end = visit.starts_at.astimezone(ROME), visit.ends_at.astimezone(ROME)
    return start.time(), end.time(), end.date() == start.date()


def _covered(slots: list[Availability], start: dt.time, end: dt.time) -> bool:
    """Whether [start, end] lies within the slots (adjacent or overlapping slots join up)."""
    reached = start
    for slot in sorted(slots, key=lambda s: s.starts_at):
        if slot.starts_at > reached:
            break
        reached = max(reached, slot.ends_at)
        if reached >= end:
            return True
    return False


def _check_availability(visit: Visit, carer: Carer) -> None:
    """A carer with declared weekly availability takes visits within it only.

    A carer with no availability recorded at all is not blocked (see ``availability_warning``).
    """
    slots = list(Availability.objects.filter(carer=carer))
    if not slots:
        return
    weekday = visit.day.isoweekday()
    that_day = [s for s in slots if s.weekday == weekday]
    start, end, same_day = _local_hours(visit)
    if same_day and _covered(that_day, start, end):
        return
    hours = ", ".join(f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M}" for s in that_day)
    raise ValidationError(
        {
            "carer": ERR_UNAVAILABLE
            % {
                "carer": carer.person.display_name,
                "weekday": WEEKDAYS[weekday - 1],
                "visit_hours": f"{start:%H:%M}-{end:%H:%M}",
                "hours": hours or NO_HOURS,
            }
        }
    )


def availability_warning(*, carer: Carer) -> str:
    """A warning to show after an assignment when the carer has no availability recorded."""
    if Availability.objects.filter(carer=carer).exists():
        return ""
    return str(WARN_NO_AVAILABILITY % {"carer": carer.person.display_name})


def assignment_errors(visit: Visit, carer: Carer, *, force: bool = False) -> None:
    """Raise the first reason why ``carer`` may not take ``visit``, if any.

    ``force`` (the coordinator's "assign anyway") skips only the availability check."""
    if carer.organisation_id != visit.organisation_id:
        raise ValidationError({"carer": ERR_OTHER_ORGANISATION})
    if not carer.active:
        raise ValidationError({"carer": ERR_CARER_INACTIVE})
    if visit.status not in OPEN_STATUSES:
        raise ValidationError({"carer": ERR_NOT_ASSIGNABLE})
    if carer.is_volunteer:
        breach = volunteer_assignment_breach(
            complementary_task=visit.is_volunteer_task, insured=carer.insured_on(visit.day)
        )
        if breach is not None:
            raise ValidationError({"carer": VOLUNTEER_ERRORS[breach]})
    if visit.plan_service.plan.refused_carers.filter(pk=carer.pk).exists():
        raise ValidationError({"carer": ERR_REFUSED})
    _check_qualification(visit, carer)
    _check_absence(visit, carer)
    _check_double_booking(visit, carer)
    if not force:
        _check_availability(visit, carer)


@transaction.atomic
def visit_assign(*, visit: Visit, carer: Carer, by: User, force: bool = False) -> Visit:
    """Assign ``visit`` to ``carer`` after the checks of ``assignment_errors``; ``force`` is
    the coordinator's explicit "assign anyway" outside the carer's declared availability."""
    assignment_errors(visit, carer, force=force)
    visit.carer = carer
    visit.status = VisitStatus.ASSIGNED
    visit.status_changed_by = by
    visit.save(update_fields=["carer", "status", "status_changed_by", "updated_at"])
    return visit


def _in_area(visit: Visit, position: Position | None) -> bool | None:
    if position is None:
        return None
    user = visit.service_user
    centre = (float(user.latitude), float(user.longitude))
    return inside_area(position=position, centre=centre, radius_m=user.area_radius_m)


def _check_not_elsewhere(visit: Visit) -> None:
    """A carer is at one user at a time: an open check-in elsewhere blocks a new one.

    The carer's row is locked first, so two check-ins sent at once are taken one after the other.
    """
    carer = Carer.objects.select_for_update().select_related("person").get(pk=visit.carer_id or 0)
    elsewhere = (
        Visit.objects.filter(carer=carer, status=VisitStatus.IN_PROGRESS)
        .exclude(pk=visit.pk)
        .select_related("service_user")
        .first()
    )
    if elsewhere is not None:
        names = {"carer": carer.person.display_name, "user": elsewhere.service_user.display_name}
        raise ValidationError({"carer": ERR_ALREADY_IN_VISIT % names})


@transaction.atomic
def visit_check_in(
    *,
    visit: Visit,
    by: User,
    at: dt.datetime | None = None,
    position: Position | None = None,
) -> Visit:
    """Start the visit. ``position`` is compared with the user's area and then forgotten."""
    if visit.status != VisitStatus.ASSIGNED or visit.carer_id is None:
        raise ValidationError({"status": ERR_NOT_CHECKABLE_IN})
    _check_not_elsewhere(visit)
    visit.checked_in_at = at or timezone.now()
    visit.in_area_at_check_in = _in_area(visit, position)
    visit.status = VisitStatus.IN_PROGRESS
    visit.status_changed_by = by
    visit.save(
        update_fields=[
            "checked_in_at",
            "in_area_at_check_in",
            "status",
            "status_changed_by",
            "updated_at",
        ]
    )
    return visit


def _log_volunteer_hours(visit: Visit) -> None:
    minutes = visit.delivered_minutes
    if visit.carer is None or not visit.carer.is_volunteer or minutes <= 0:
        return
    hours = (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"))
    VolunteerLog.objects.update_or_create(
        visit=visit,
        defaults={
            "carer": visit.carer,
            "day": visit.day,
            "hours": min(hours, Decimal("24")),
            "activity": visit.plan_service.kind,
        },
    )


@transaction.atomic
def visit_check_out(
    *,
    visit: Visit,
    by: User,
    at: dt.datetime | None = None,
    position: Position | None = None,
    notes: str = "",
    tasks_done: str = "",
    handover_notes: str = "",
) -> Visit:
    """End the visit with what was done; a volunteer's visit is logged as volunteer hours."""
    if visit.status != VisitStatus.IN_PROGRESS or visit.checked_in_at is None:
        raise ValidationError({"status": ERR_NOT_IN_PROGRESS})
    at = at or timezone.now()
    if at < visit.checked_in_at:
        raise ValidationError({"checked_out_at": ERR_CHECK_OUT_BEFORE_IN})
    visit.checked_out_at = at
    visit.in_area_at_check_out = _in_area(visit, position)
    visit.notes, visit.tasks_done, visit.handover_notes = notes, tasks_done, handover_notes
    visit.status = VisitStatus.DONE
    visit.status_changed_by = by
    visit.save()
    _log_volunteer_hours(visit)
    return visit


def _close(visit: Visit, *, status: str, by: User, reason: str) -> Visit:
    if not reason.strip():
        raise ValidationError({"reason": ERR_REASON_REQUIRED})
    if visit.status in {VisitStatus.DONE, VisitStatus.CANCELLED, VisitStatus.MISSED}:
        raise ValidationError({"status": ERR_NOT_CANCELLABLE})
    visit.status = status
    visit.status_reason = reason.strip()[:255]
    visit.status_changed_by = by
    visit.save(update_fields=["status", "status_reason", "status_changed_by", "updated_at"])
    return visit


@transaction.atomic
def visit_cancel(*, visit: Visit, by: User, reason: str) -> Visit:
    return _close(visit, status=VisitStatus.CANCELLED, by=by, reason=reason)


@transaction.atomic
def visit_mark_missed(*, visit: Visit, by: User, reason: str) -> Visit:
    return _close(visit, status=VisitStatus.MISSED, by=by, reason=reason)
