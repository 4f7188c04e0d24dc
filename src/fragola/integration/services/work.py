"""Writes of the work itself: client contracts, job sites, teams and who is on them, hours on a
site. The reads (teams, their disadvantaged share, who was on site) are in ``selectors``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.integration.models import (
    JobSite,
    Team,
    TeamAssignment,
    TimesheetEntry,
    WorkContract,
)
from fragola.integration.selectors import in_force_on
from fragola.integration.services.projects import ERR_DAY_HOURS, timesheet_record
from fragola.registry.models import Comune, Organisation
from fragola.workforce.models import Employment

ERR_EMPLOYMENT_OTHER_ORG = _("This contract belongs to another organisation.")
ERR_ENDS_BEFORE_START = _("The end cannot come before the start.")
ERR_CLIENT = _("Name the client (a comune or another body).")
ERR_VALUE = _("The value net of VAT cannot be negative.")
ERR_NAME = _("Give it a name.")
ERR_TEAM_NAME_TAKEN = _("This job site already has a team with this name.")
ERR_NOT_CURRENT = _("This worker has no current contract with the co-operative on that date.")
ERR_ALREADY_ON_TEAM = _("This worker is already on the team.")
ERR_FUTURE_DAY = _("Hours cannot be recorded for a day after today.")
ERR_NOT_ON_TEAM = _("This worker was not on the team on that day.")
ERR_NOT_ON_SITE = _("This worker was not on a team of this job site on that day.")


@transaction.atomic
def work_contract_create(
    *,
    organisation: Organisation,
    client: str,
    object_kind: str,
    value_net_of_vat: Decimal,
    started_on: dt.date,
    ends_on: dt.date | None = None,
    description: str = "",
) -> WorkContract:
    errors: dict[str, object] = {}
    if not client.strip():
        errors["client"] = ERR_CLIENT
    if value_net_of_vat < 0:
        errors["value_net_of_vat"] = ERR_VALUE
    if ends_on is not None and ends_on < started_on:
        errors["ends_on"] = ERR_ENDS_BEFORE_START
    if errors:
        raise ValidationError(errors)
    return WorkContract.objects.create(
        organisation=organisation, client=client.strip(), object_kind=object_kind,
        value_net_of_vat=value_net_of_vat, started_on=started_on, ends_on=ends_on,
        description=description.strip(),
    )  # fmt: skip


@transaction.atomic
def contract_with_site_create(
    *,
    organisation: Organisation,
    client: str,
    object_kind: str,
    value_net_of_vat: Decimal,
    started_on: dt.date,
    site_name: str,
    ends_on: dt.date | None = None,
    description: str = "",
    site_address: str = "",
) -> JobSite:
    """A client contract and its first job site, both or neither (the site's name is
    ``site_name`` in the errors)."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        contract = work_contract_create(
            organisation=organisation, client=client, object_kind=object_kind,
            value_net_of_vat=value_net_of_vat, started_on=started_on, ends_on=ends_on,
            description=description,
        )  # fmt: skip
    except ValidationError as error:
        errors.update(error.error_dict)
    if not site_name.strip():
        errors["site_name"] = [ValidationError(ERR_NAME)]
    if errors:
        raise ValidationError(errors)
    return job_site_create(contract=contract, name=site_name, address=site_address)


@transaction.atomic
def job_site_create(
    *, contract: WorkContract, name: str, comune: Comune | None = None, address: str = ""
) -> JobSite:
    if not name.strip():
        raise ValidationError({"name": ERR_NAME})
    return JobSite.objects.create(
        contract=contract, name=name.strip(), comune=comune, address=address.strip()
    )


@transaction.atomic
def team_create(*, site: JobSite, name: str) -> Team:
    if not name.strip():
        raise ValidationError({"name": ERR_NAME})
    if Team.objects.filter(site=site, name__iexact=name.strip()).exists():
        raise ValidationError({"name": ERR_TEAM_NAME_TAKEN})
    return Team.objects.create(site=site, name=name.strip())


@transaction.atomic
def team_assign(
    *, team: Team, employment: Employment, started_on: dt.date, current: bool = False
) -> TeamAssignment:
    """Put a worker on a team from ``started_on``. With ``current`` (the pages), the contract
    must be in force on that day and the worker not already on the team."""
    if employment.organisation_id != team.site.contract.organisation_id:
        raise ValidationError({"employment": ERR_EMPLOYMENT_OTHER_ORG})
    if current:
        in_force = employment.started_on <= started_on and (
            employment.ended_on is None or employment.ended_on >= started_on
        )
        if not in_force:
            raise ValidationError({"employment": ERR_NOT_CURRENT})
        on_team = TeamAssignment.objects.filter(in_force_on(started_on), team=team)
        if on_team.filter(employment__person_id=employment.person_id).exists():
            raise ValidationError({"employment": ERR_ALREADY_ON_TEAM})
    return TeamAssignment.objects.create(team=team, employment=employment, started_on=started_on)


@transaction.atomic
def site_timesheet_record(
    *,
    site: JobSite,
    employment: Employment,
    day: dt.date,
    hours: Decimal,
    today: dt.date,
    team: Team | None = None,
) -> TimesheetEntry:
    """Hours of a worker on a job site (from its page or a team's): more than 0 and at most 24,
    no day after ``today``, and the worker on the team (or on a team of the site) that day.
    Recording the same worker, day and site again replaces the hours."""
    errors: dict[str, object] = {}
    if not Decimal(0) < hours <= Decimal(24):
        errors["hours"] = ERR_DAY_HOURS
    if day > today:
        errors["day"] = ERR_FUTURE_DAY
    if team is not None and team.site_id != site.pk:
        raise ValueError("the team is not on this job site")
    assignments = TeamAssignment.objects.filter(in_force_on(day), employment=employment)
    if team is not None:
        if not assignments.filter(team=team).exists():
            errors["employment"] = ERR_NOT_ON_TEAM
    elif not assignments.filter(team__site=site).exists():
        errors["employment"] = ERR_NOT_ON_SITE
    if errors:
        raise ValidationError(errors)
    return timesheet_record(employment=employment, day=day, hours=hours, site_id=site.pk)
