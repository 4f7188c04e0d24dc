"""Reads of work integration, scoped by the acting user; every read of personal data is logged.

Projects (and anything naming a disadvantaged worker) are read only here, only by the roles of
``fragola.integration.access.access_personal``, and each one read is written to
``core.SensitiveRead`` before it leaves the server.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from fragola.compliance import rules as r
from fragola.compliance.adapter import load_facts, settings_of, snapshot_of
from fragola.core.access import UserLike
from fragola.core.services import sensitive_read_log
from fragola.integration import access, forecast
from fragola.integration.models import (
    IntegrationProject,
    Outcome,
    PlannedChange,
    PlannedKind,
    ProjectReview,
    ProjectStatus,
)
from fragola.registry.models import ConsortiumMembership, Organisation

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

    organisation: Organisation
    snapshot: r.CoopSnapshot
    settings: r.Settings
    planned: list[forecast.Planned]


def planned_of(organisation: Organisation) -> list[forecast.Planned]:
    rows = PlannedChange.objects.filter(organisation=organisation).order_by("on", "pk")
    planned: list[forecast.Planned] = []
    for row in rows.select_related("employment"):
        if row.kind == PlannedKind.HIRE:
            planned.append(forecast.PlannedHire(row.on, row.disadvantaged, key=f"plan:{row.pk}"))
        elif row.employment is not None:
            planned.append(forecast.PlannedEnd(str(row.employment.person_id), row.on))
    return planned


def coop_state(organisation: Organisation, today: dt.date) -> CoopState:
    """The compliance adapter's snapshot of the co-op (workforce data), plus planned changes."""
    facts = load_facts([organisation.pk])
    return CoopState(
        organisation=organisation,
        snapshot=snapshot_of(facts, organisation.pk, today),
        settings=settings_of(facts, organisation.pk),
        planned=planned_of(organisation),
    )


@dataclass(frozen=True)
class RatioView:
    state: CoopState
    live: r.RuleResult  # L4.2 today, from the compliance engine
    rows: list[forecast.MonthRow]
    planned: list[PlannedChange]  # listed only to personal-data readers


def ratio_view(*, user: UserLike, organisation_id: int, today: dt.date) -> RatioView:
    organisation = access.access_aggregates(user, organisation_id)
    state = coop_state(organisation, today)
    live = r.check_l4_2(state.snapshot, r.params_at(today), state.settings)
    rows = forecast.forecast(state.snapshot, state.planned, settings=state.settings)
    planned: list[PlannedChange] = []
    if access.can_read_personal(user, organisation):
        planned = list(
            PlannedChange.objects.filter(organisation=organisation)
            .select_related("employment__person")
            .order_by("on", "pk")
        )
    return RatioView(state, live, rows, planned)


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
