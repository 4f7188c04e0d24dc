"""Writes and reads of the work itself: client contracts, job sites, teams and who is on them.

The disadvantaged share of a team names no one, but in a team of five it is easy to tell who is
who, so it is shown only to the co-op's administrator and tutor and each certificate read is
logged, as for any other disadvantage data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from fragola.core.access import UserLike
from fragola.integration import access, services
from fragola.integration.models import (
    JobSite,
    Team,
    TeamAssignment,
    TimesheetEntry,
    WorkContract,
)
from fragola.registry.models import Comune, Organisation
from fragola.workforce.models import DisadvantageCertificate, Employment
from fragola.workforce.selectors import log_certificate_reads

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
        on_team = TeamAssignment.objects.filter(_on(started_on), team=team)
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
        errors["hours"] = services.ERR_DAY_HOURS
    if day > today:
        errors["day"] = ERR_FUTURE_DAY
    if team is not None and team.site_id != site.pk:
        raise ValueError("the team is not on this job site")
    assignments = TeamAssignment.objects.filter(_on(day), employment=employment)
    if team is not None:
        if not assignments.filter(team=team).exists():
            errors["employment"] = ERR_NOT_ON_TEAM
    elif not assignments.filter(team__site=site).exists():
        errors["employment"] = ERR_NOT_ON_SITE
    if errors:
        raise ValidationError(errors)
    return services.timesheet_record(employment=employment, day=day, hours=hours, site_id=site.pk)


@dataclass(frozen=True)
class TeamRow:
    team: Team
    members: int
    disadvantaged: int
    hours_week: Decimal  # the members' timesheet hours on the team's site, 7 days to the day

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.disadvantaged, self.members) if self.members else None


def _on(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


def team_list(
    *, user: UserLike, organisation_id: int, day: dt.date, purpose: str
) -> tuple[Organisation, list[TeamRow]]:
    """Every team of the co-op's job sites on ``day``: heads, disadvantaged share, hours."""
    organisation = access.access_personal(user, organisation_id)
    teams = Team.objects.filter(site__contract__organisation=organisation)
    return organisation, _team_rows(user, organisation, teams, day, purpose)


def site_get(*, user: UserLike, organisation_id: int, site_id: int) -> JobSite:
    """A job site of the co-op, for its administrator and tutor; otherwise a 404."""
    organisation = access.access_personal(user, organisation_id)
    site = (
        JobSite.objects.filter(pk=site_id, contract__organisation=organisation)
        .select_related("contract__organisation")
        .first()
    )
    if site is None:
        raise Http404("No such job site")
    return site


def team_get(*, user: UserLike, organisation_id: int, team_id: int) -> Team:
    """A team of the co-op's job sites, for its administrator and tutor; otherwise a 404."""
    organisation = access.access_personal(user, organisation_id)
    team = (
        Team.objects.filter(pk=team_id, site__contract__organisation=organisation)
        .select_related("site__contract__organisation")
        .first()
    )
    if team is None:
        raise Http404("No such team")
    return team


def site_teams(*, user: UserLike, site: JobSite, day: dt.date, purpose: str) -> list[TeamRow]:
    """The teams of a job site on ``day`` with their share (certificate reads logged)."""
    organisation = site.contract.organisation
    return _team_rows(user, organisation, Team.objects.filter(site=site), day, purpose)


def team_row(*, user: UserLike, team: Team, day: dt.date, purpose: str) -> TeamRow:
    """One team on ``day`` with its share (certificate reads logged)."""
    organisation = team.site.contract.organisation
    return _team_rows(user, organisation, Team.objects.filter(pk=team.pk), day, purpose)[0]


def team_members(*, team: Team, day: dt.date) -> list[TeamAssignment]:
    """Who is on the team on ``day``, by name."""
    return list(
        TeamAssignment.objects.filter(_on(day), team=team)
        .select_related("employment__person")
        .order_by("employment__person__last_name", "employment__person__first_name", "pk")
    )


def on_site(*, site: JobSite, day: dt.date | None, team: Team | None = None) -> list[Employment]:
    """The contracts on the team (or on any team of the site) on ``day`` (ever, if None), once
    each, by name."""
    assignments = TeamAssignment.objects.filter(team__site=site)
    if day is not None:
        assignments = assignments.filter(_on(day))
    if team is not None:
        assignments = assignments.filter(team=team)
    return list(
        Employment.objects.filter(pk__in=assignments.values("employment_id"))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


@dataclass(frozen=True)
class MonthRow:
    employment: Employment
    entries: list[TimesheetEntry]

    @property
    def total(self) -> Decimal:
        return sum((e.hours for e in self.entries), Decimal(0))


def timesheet_month(
    *, site: JobSite, year: int, month: int, team: Team | None = None
) -> list[MonthRow]:
    """The hours recorded on the site in a month, per worker (only the team's, if given)."""
    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    entries = TimesheetEntry.objects.filter(site=site, day__gte=first, day__lt=after)
    if team is not None:
        people = TeamAssignment.objects.filter(team=team).values("employment_id")
        entries = entries.filter(employment_id__in=people)
    rows: dict[int, MonthRow] = {}
    for entry in entries.select_related("employment__person").order_by("day", "pk"):
        row = rows.setdefault(entry.employment_id, MonthRow(entry.employment, []))
        row.entries.append(entry)
    return sorted(
        rows.values(),
        key=lambda r: (
            r.employment.person.last_name,
            r.employment.person.first_name,
            r.employment.pk,
        ),
    )


def _team_rows(
    user: UserLike,
    organisation: Organisation,
    teams_query: QuerySet[Team],
    day: dt.date,
    purpose: str,
) -> list[TeamRow]:
    assignments = TeamAssignment.objects.filter(_on(day)).select_related("employment")
    teams = list(
        teams_query.select_related("site__contract")
        .prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="current"))
        .order_by("site__name", "name")
    )
    people = {a.employment.person_id for t in teams for a in t.current}
    certificates = list(
        DisadvantageCertificate.objects.filter(organisation=organisation, person_id__in=people)
        .filter(issued_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .select_related("person")
    )
    assert isinstance(user, AbstractBaseUser)
    log_certificate_reads(user=user, certificates=certificates, purpose=purpose)
    certified = {c.person_id for c in certificates}
    hours = {
        (site_id, employment_id): total
        for site_id, employment_id, total in TimesheetEntry.objects.filter(
            site__contract__organisation=organisation,
            day__gt=day - dt.timedelta(days=7),
            day__lte=day,
        )
        .values_list("site_id", "employment_id")
        .annotate(total=Sum("hours"))
        .values_list("site_id", "employment_id", "total")
    }
    rows = []
    for team in teams:
        current: list[TeamAssignment] = team.current
        heads = {a.employment.person_id for a in current}
        worked = sum(
            (hours.get((team.site_id, a.employment_id), Decimal(0)) for a in current), Decimal(0)
        )
        rows.append(TeamRow(team, len(heads), len(heads & certified), worked))
    return rows
