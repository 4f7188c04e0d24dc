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
from django.db.models import Prefetch, Q, Sum
from django.utils.translation import gettext_lazy as _

from fragola.integration import access
from fragola.integration.models import (
    JobSite,
    Team,
    TeamAssignment,
    TimesheetEntry,
    WorkContract,
)
from fragola.registry.access import UserLike
from fragola.registry.models import Comune, Organisation
from fragola.workforce.models import DisadvantageCertificate, Employment
from fragola.workforce.selectors import log_certificate_reads

ERR_EMPLOYMENT_OTHER_ORG = _("This contract belongs to another organisation.")
ERR_ENDS_BEFORE_START = _("The end cannot come before the start.")


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
    if ends_on is not None and ends_on < started_on:
        raise ValidationError({"ends_on": ERR_ENDS_BEFORE_START})
    return WorkContract.objects.create(
        organisation=organisation, client=client.strip(), object_kind=object_kind,
        value_net_of_vat=value_net_of_vat, started_on=started_on, ends_on=ends_on,
        description=description.strip(),
    )  # fmt: skip


@transaction.atomic
def job_site_create(
    *, contract: WorkContract, name: str, comune: Comune | None = None, address: str = ""
) -> JobSite:
    return JobSite.objects.create(
        contract=contract, name=name.strip(), comune=comune, address=address.strip()
    )


@transaction.atomic
def team_create(*, site: JobSite, name: str) -> Team:
    return Team.objects.create(site=site, name=name.strip())


@transaction.atomic
def team_assign(*, team: Team, employment: Employment, started_on: dt.date) -> TeamAssignment:
    if employment.organisation_id != team.site.contract.organisation_id:
        raise ValidationError({"employment": ERR_EMPLOYMENT_OTHER_ORG})
    return TeamAssignment.objects.create(team=team, employment=employment, started_on=started_on)


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
    assignments = TeamAssignment.objects.filter(_on(day)).select_related("employment")
    teams = list(
        Team.objects.filter(site__contract__organisation=organisation)
        .select_related("site__contract")
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
    return organisation, rows
