"""Every write of work integration goes through these services: typed, keyword-only, atomic.

Ends of contract and renewals go through the workforce services, so the compliance what-if
(L4.2) vets them exactly as it vets any other end or hire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.integration.models import (
    IntegrationProject,
    Outcome,
    PlannedChange,
    PlannedKind,
    ProjectReview,
    ProjectStatus,
    ReferringService,
    TimesheetEntry,
)
from fragola.registry.models import Organisation, Person, Role, RoleName
from fragola.workforce import services as workforce
from fragola.workforce.models import Employment

ERR_PERSON_OTHER_ORG = _("This person belongs to another organisation.")
ERR_EMPLOYMENT_OTHER = _("This contract is not this person's in this organisation.")
ERR_TUTOR_ROLE = _("The tutor must have the tutor role in this co-operative.")
ERR_SERVICE = _("Choose a referring service.")
ERR_HOURS = _("Weekly hours must be between 0 and 168.")
ERR_CLOSED = _("This project is already closed.")
ERR_END_BEFORE_START = _("The end cannot come before the start.")
ERR_OUTCOME = _("Choose an outcome.")
ERR_REVIEW_OUTCOME = _("A review that took place needs its outcome.")
ERR_DAY_HOURS = _("Hours in a day must be more than 0 and at most 24.")
ERR_PLANNED_END = _("A planned end names a current contract of this co-operative.")
ERR_PLANNED_END_BEFORE_START = _("The project cannot be planned to end before it starts.")
ERR_PLANNED_KIND = _("Choose a hire or an end of contract.")


@dataclass(frozen=True, kw_only=True)
class ProjectData:
    referring_service: str
    referrer_name: str
    goals: str
    weekly_hours: Decimal
    started_on: dt.date
    referrer_contact: str = ""
    skills_plan: str = ""
    planned_end_on: dt.date | None = None
    tutor_id: int | None = None
    employment: Employment | None = None
    had_outside_work: bool = True


def _is_tutor(organisation: Organisation, user_id: int) -> bool:
    roles = Role.objects.filter(user_id=user_id, organisation=organisation, name=RoleName.TUTOR)
    return roles.exists()


def _check_project(organisation: Organisation, person: Person, data: ProjectData) -> None:
    errors: dict[str, object] = {}
    if person.organisation_id != organisation.pk:
        errors["person"] = ERR_PERSON_OTHER_ORG
    if data.referring_service not in ReferringService.values:
        errors["referring_service"] = ERR_SERVICE
    if not Decimal(0) <= data.weekly_hours <= Decimal(168):
        errors["weekly_hours"] = ERR_HOURS
    if data.planned_end_on is not None and data.planned_end_on < data.started_on:
        errors["planned_end_on"] = ERR_PLANNED_END_BEFORE_START
    if data.employment is not None and data.employment.person_id != person.pk:
        errors["employment"] = ERR_EMPLOYMENT_OTHER
    if data.tutor_id is not None and not _is_tutor(organisation, data.tutor_id):
        errors["tutor"] = ERR_TUTOR_ROLE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_start(
    *, organisation: Organisation, person: Person, data: ProjectData
) -> IntegrationProject:
    _check_project(organisation, person, data)
    return IntegrationProject.objects.create(
        organisation=organisation,
        person=person,
        employment=data.employment,
        referring_service=data.referring_service,
        referrer_name=data.referrer_name.strip(),
        referrer_contact=data.referrer_contact.strip(),
        tutor_id=data.tutor_id,
        goals=data.goals.strip(),
        skills_plan=data.skills_plan.strip(),
        weekly_hours=data.weekly_hours,
        started_on=data.started_on,
        planned_end_on=data.planned_end_on,
        had_outside_work=data.had_outside_work,
    )


@transaction.atomic
def review_record(
    *,
    project: IntegrationProject,
    scheduled_on: dt.date,
    held: bool,
    participants: str = "",
    outcome: str = "",
) -> ProjectReview:
    """Schedule a review with the referring service, or record one that took place."""
    if held and not outcome.strip():
        raise ValidationError({"outcome": ERR_REVIEW_OUTCOME})
    return ProjectReview.objects.create(
        project=project,
        scheduled_on=scheduled_on,
        held=held,
        participants=participants.strip(),
        outcome=outcome.strip(),
    )


@transaction.atomic
def project_close(
    *,
    project: IntegrationProject,
    ended_on: dt.date,
    outcome: str,
    note: str = "",
    actor: AbstractBaseUser | None = None,
    override_reason: str = "",
) -> IntegrationProject:
    """Close the path. Leaving the co-op (a job elsewhere, a drop-out) ends its contract there
    through the workforce service; a renewal starts a new open-ended contract after a fixed term.
    """
    project = IntegrationProject.objects.select_for_update().get(pk=project.pk)
    if project.status == ProjectStatus.CLOSED:
        raise ValidationError({"outcome": ERR_CLOSED})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": ERR_OUTCOME})
    if ended_on < project.started_on:
        raise ValidationError({"ended_on": ERR_END_BEFORE_START})
    employment = project.employment
    if employment is not None:
        _apply_outcome(employment, outcome, ended_on, actor, override_reason)
    project.status = ProjectStatus.CLOSED
    project.ended_on = ended_on
    project.outcome = outcome
    project.outcome_note = note.strip()
    project.save(update_fields=["status", "ended_on", "outcome", "outcome_note", "updated_at"])
    return project


def _apply_outcome(
    employment: Employment,
    outcome: str,
    ended_on: dt.date,
    actor: AbstractBaseUser | None,
    override_reason: str,
) -> None:
    leaves = outcome in (Outcome.HIRED_OPEN_MARKET, Outcome.DROPPED_OUT)
    still_open = employment.ended_on is None or employment.ended_on > ended_on
    if leaves and still_open:
        workforce.employment_end(
            employment=employment, ended_on=ended_on, actor=actor, override_reason=override_reason
        )
    elif outcome == Outcome.CONTRACT_RENEWED and employment.ended_on is not None:
        workforce.employment_start(
            organisation=employment.organisation,
            person=employment.person,
            data=workforce.EmploymentData(
                started_on=employment.ended_on + dt.timedelta(days=1),
                branch=employment.branch,
                contract=employment.contract,
                weekly_hours=employment.weekly_hours,
                is_member=employment.is_member,
            ),
            actor=actor,
            override_reason=override_reason,
        )


@transaction.atomic
def planned_change_add(
    *,
    organisation: Organisation,
    kind: str,
    on: dt.date,
    disadvantaged: bool = False,
    employment: Employment | None = None,
    note: str = "",
) -> PlannedChange:
    if kind not in PlannedKind.values:
        raise ValidationError({"kind": ERR_PLANNED_KIND})
    if kind == PlannedKind.END and (
        employment is None or employment.organisation_id != organisation.pk
    ):
        raise ValidationError({"employment": ERR_PLANNED_END})
    return PlannedChange.objects.create(
        organisation=organisation,
        kind=kind,
        on=on,
        disadvantaged=disadvantaged if kind == PlannedKind.HIRE else False,
        employment=employment if kind == PlannedKind.END else None,
        note=note.strip(),
    )


@transaction.atomic
def planned_change_remove(*, change: PlannedChange) -> None:
    change.delete()


@transaction.atomic
def timesheet_record(
    *, employment: Employment, day: dt.date, hours: Decimal, site_id: int | None = None
) -> TimesheetEntry:
    """Hours of one worker on one day (and site): recording again replaces the hours."""
    if not Decimal(0) < hours <= Decimal(24):
        raise ValidationError({"hours": ERR_DAY_HOURS})
    entry, _created = TimesheetEntry.objects.update_or_create(
        employment=employment, day=day, site_id=site_id, defaults={"hours": hours}
    )
    return entry
