"""Reads of work integration, scoped by the acting user; every read of personal data is logged.

Projects (and anything naming a disadvantaged worker) are read only here, only by the roles of
``fragola.integration.access.access_personal``, and each one read is written to
``core.SensitiveRead`` before it leaves the server.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404

import fragola_law as r
from fragola.compliance.selectors import CoopFacts, coop_facts, coop_finding
from fragola.core.access import UserLike
from fragola.core.services import sensitive_read_log
from fragola.integration import access, forecast
from fragola.integration.models import (
    IntegrationProject,
    JobSite,
    Outcome,
    PlannedChange,
    PlannedKind,
    ProjectReview,
    ProjectStatus,
    Team,
    TeamAssignment,
    TimesheetEntry,
)
from fragola.registry.models import ConsortiumMembership, Organisation
from fragola.workforce.models import DisadvantageCertificate, Employment
from fragola.workforce.selectors import log_certificate_reads

PROJECT_TYPE = "integration.integrationproject"


def log_project_reads(user: UserLike, projects: list[IntegrationProject], purpose: str) -> None:
    assert isinstance(user, AbstractBaseUser)
    for project in projects:
        sensitive_read_log(
            user=user,
            organisation_id=project.organisation_id,
            subject=project.person.display_name,
            object_type=PROJECT_TYPE,
            object_id=str(project.pk),
            purpose=purpose,
        )


def _projects(organisation: Organisation) -> QuerySet[IntegrationProject]:
    return (
        IntegrationProject.objects.filter(organisation=organisation)
        .select_related("person", "tutor", "employment")
        .order_by("status", "person__last_name", "person__first_name", "pk")
    )


def project_list(
    *, user: UserLike, organisation_id: int, purpose: str, status: str = ""
) -> tuple[Organisation, list[IntegrationProject]]:
    organisation = access.access_personal(user, organisation_id)
    rows = _projects(organisation)
    if status in ProjectStatus.values:
        rows = rows.filter(status=status)
    projects = list(rows)
    log_project_reads(user, projects, purpose)
    return organisation, projects


def project_page(
    *, user: UserLike, organisation_id: int, purpose: str, status: str, first: int, size: int
) -> tuple[list[IntegrationProject], int]:
    """One page of the co-op's projects (``size`` from the ``first``) and how many there are in
    all; only the projects on the page are read, so only they are logged."""
    organisation = access.access_personal(user, organisation_id)
    rows = _projects(organisation)
    if status:
        rows = rows.filter(status=status)
    projects = list(rows[first : first + size])
    log_project_reads(user, projects, purpose)
    return projects, rows.count()


def project_get(
    *, user: UserLike, organisation_id: int, project_id: int, purpose: str
) -> IntegrationProject:
    organisation = access.access_personal(user, organisation_id)
    reviews = Prefetch("reviews", queryset=ProjectReview.objects.order_by("scheduled_on", "pk"))
    project = _projects(organisation).prefetch_related(reviews).filter(pk=project_id).first()
    if project is None:
        raise Http404("No such project")
    log_project_reads(user, [project], purpose)
    return project


@dataclass(frozen=True)
class CoopState:
    """What the rules need about one co-op: its snapshot today, settings and plans."""

    facts: CoopFacts  # the compliance engine's, read for the acting user
    planned: list[forecast.Planned]

    @property
    def organisation(self) -> Organisation:
        return self.facts.organisation

    @property
    def snapshot(self) -> r.CoopSnapshot:
        return self.facts.snapshot

    @property
    def settings(self) -> r.Settings:
        return self.facts.settings


def planned_of(organisation: Organisation) -> list[forecast.Planned]:
    rows = PlannedChange.objects.filter(organisation=organisation).order_by("on", "pk")
    planned: list[forecast.Planned] = []
    for row in rows.select_related("employment"):
        if row.kind == PlannedKind.HIRE:
            planned.append(forecast.PlannedHire(row.on, row.disadvantaged, key=f"plan:{row.pk}"))
        elif row.employment is not None:
            planned.append(forecast.PlannedEnd(str(row.employment.person_id), row.on))
    return planned


def coop_state(user: UserLike, organisation: Organisation, today: dt.date) -> CoopState:
    """The compliance engine's facts of the co-op today (workforce data), plus planned changes.

    ``organisation`` has passed the caller's access check; the facts are read for ``user``.
    """
    facts = coop_facts(user=user, organisation=organisation, as_of=today)
    return CoopState(facts=facts, planned=planned_of(organisation))


@dataclass(frozen=True)
class RatioView:
    state: CoopState
    live: r.RuleResult  # L4.2 today, from the compliance engine
    live_explanation: str  # its sentence, worded by the compliance engine (no one named)
    rows: list[forecast.MonthRow]
    planned: list[PlannedChange]  # listed only to personal-data readers


def ratio_view(*, user: UserLike, organisation_id: int, today: dt.date) -> RatioView:
    organisation = access.access_aggregates(user, organisation_id)
    state = coop_state(user, organisation, today)
    live = coop_finding(facts=state.facts, rule="L4.2")
    rows = forecast.forecast(state.snapshot, state.planned, settings=state.settings)
    planned: list[PlannedChange] = []
    if access.can_read_personal(user, organisation):
        planned = list(
            PlannedChange.objects.filter(organisation=organisation)
            .select_related("employment__person")
            .order_by("on", "pk")
        )
    return RatioView(state, live.result, live.explanation, rows, planned)


@dataclass(frozen=True)
class OutcomeStats:
    organisation: Organisation
    active: int
    closed: int
    outcomes: dict[str, int]  # Outcome value -> count
    coops: int = 1


def _stats(organisation: Organisation, org_ids: list[int]) -> OutcomeStats:
    rows = IntegrationProject.objects.filter(organisation_id__in=org_ids).values_list(
        "status", "outcome"
    )
    statuses: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for status, outcome in rows:
        statuses[status] += 1
        if outcome:
            outcomes[outcome] += 1
    return OutcomeStats(
        organisation=organisation,
        active=statuses[ProjectStatus.ACTIVE],
        closed=statuses[ProjectStatus.CLOSED],
        outcomes={value: outcomes[value] for value in Outcome.values},
        coops=len(org_ids),
    )


def outcome_stats(*, user: UserLike, organisation_id: int, today: dt.date) -> OutcomeStats:
    """Counts only. For a consortium: summed over its member co-ops today, never per co-op."""
    organisation = access.access_aggregates(user, organisation_id)
    if not organisation.is_consortium:
        return _stats(organisation, [organisation.pk])
    organisation = access.access_consortium_stats(user, organisation_id)
    links = ConsortiumMembership.objects.filter(consortium=organisation)
    member_ids = [link.member_id for link in links if link.is_active_on(today)]
    return _stats(organisation, member_ids)


def hires_needed_for(state: CoopState, until: dt.date) -> tuple[int | None, int | None]:
    """Disadvantaged hires today to keep ≥ 30 % through ``until``: on heads, on the average."""
    start = state.snapshot.as_of
    return (
        forecast.hires_needed(
            state.snapshot, state.planned, start=start, until=until, settings=state.settings
        ),
        forecast.hires_needed(
            state.snapshot, state.planned, start=start, until=until, settings=state.settings,
            measure=forecast.Measure.AVERAGE,
        ),
    )  # fmt: skip


# The work itself: teams on the job sites, who was on them, hours --------------------------------


@dataclass(frozen=True)
class TeamRow:
    team: Team
    members: int
    disadvantaged: int
    hours_week: Decimal  # the members' timesheet hours on the team's site, 7 days to the day

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.disadvantaged, self.members) if self.members else None


def in_force_on(day: dt.date, prefix: str = "") -> Q:
    """Rows (assignments, contracts) in force on ``day``: started, not yet ended."""
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


def site_list(*, user: UserLike, organisation_id: int) -> QuerySet[JobSite]:
    """The co-op's job sites with their contracts, for its administrator and tutor; else 404."""
    organisation = access.access_personal(user, organisation_id)
    return (
        JobSite.objects.filter(contract__organisation=organisation)
        .select_related("contract", "comune")
        .order_by("name", "pk")
    )


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
        TeamAssignment.objects.filter(in_force_on(day), team=team)
        .select_related("employment__person")
        .order_by("employment__person__last_name", "employment__person__first_name", "pk")
    )


def on_site(*, site: JobSite, day: dt.date | None, team: Team | None = None) -> list[Employment]:
    """The contracts on the team (or on any team of the site) on ``day`` (ever, if None), once
    each, by name."""
    assignments = TeamAssignment.objects.filter(team__site=site)
    if day is not None:
        assignments = assignments.filter(in_force_on(day))
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


def timesheet_entries_of(
    *, work_contract_ids: Collection[int], start: dt.date, end: dt.date
) -> QuerySet[TimesheetEntry]:
    """The hours recorded from ``start`` to ``end`` on the job sites of the given work contracts:
    what a billing run counts for type B work."""
    return TimesheetEntry.objects.filter(
        site__contract_id__in=list(work_contract_ids), day__gte=start, day__lte=end
    ).order_by("day", "pk")


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
    assignments = TeamAssignment.objects.filter(in_force_on(day)).select_related("employment")
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
