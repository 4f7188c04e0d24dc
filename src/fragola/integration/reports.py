"""Per-worker reports built from the workforce: contribution relief (L4.5) and public value.

Both name disadvantaged workers, so both are for the co-op's administrator and tutor only, and
every certificate read is logged (``workforce.selectors.log_certificate_reads``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import fragola_law as r
from fragola.core.access import UserLike
from fragola.integration import access, forecast, public_value
from fragola.integration.models import IntegrationProject
from fragola.integration.selectors import CoopState, coop_state
from fragola.registry.models import Organisation
from fragola.workforce.models import DisadvantageCategory, DisadvantageCertificate, Employment
from fragola.workforce.selectors import log_certificate_reads

LOSS_WORDS = {
    r.Loss.NOT_TYPE_B: _("not a B-branch contract of a type B co-op"),
    r.Loss.NO_CERTIFICATE: _("no disadvantage certificate"),
    r.Loss.CERTIFICATE_EXPIRED: _("certificate expired"),
    r.Loss.BELOW_30: _("the co-op is below 30 % (L4.2)"),
    r.Loss.CONTRACT_ENDED: _("contract ended"),
}


def losses_text(losses: tuple[r.Loss, ...]) -> str:
    """Why a relief is lost (or will end), in the active language."""
    return "; ".join(str(LOSS_WORDS[loss]) for loss in losses)


def category_label(code: str) -> str:
    return str(DisadvantageCategory(code).label) if code in DisadvantageCategory.values else ""


@dataclass(frozen=True)
class WorkerRelief:
    employment: Employment
    category_label: str
    line: r.ReliefLine
    until: dt.date | None
    until_losses: tuple[r.Loss, ...]
    why: str  # the month's losses, then why the relief will end, in the user's language


def _contracts(
    organisation: Organisation, first: dt.date, last: dt.date, user: UserLike, purpose: str
) -> list[tuple[Employment, r.WorkerContract, list[DisadvantageCertificate]]]:
    employments = list(
        Employment.objects.filter(organisation=organisation, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    people = {e.person_id for e in employments}
    certificates = list(
        DisadvantageCertificate.objects.filter(organisation=organisation, person_id__in=people)
        .select_related("person")
        .order_by("issued_on", "pk")
    )
    assert isinstance(user, AbstractBaseUser)
    log_certificate_reads(user=user, certificates=certificates, purpose=purpose)
    outside = dict(
        IntegrationProject.objects.filter(organisation=organisation).values_list(
            "person_id", "had_outside_work"
        )
    )
    result = []
    for employment in employments:
        mine = [c for c in certificates if c.person_id == employment.person_id]
        if not mine:
            continue  # not a disadvantaged worker: no relief line
        contract = r.WorkerContract(
            key=str(employment.pk),
            branch=employment.branch,
            start=employment.started_on,
            end=employment.ended_on,
            certificates=tuple(r.Certificate(c.category, c.issued_on, c.expires_on) for c in mine),
            had_outside_work=outside.get(employment.person_id, True),
        )
        result.append((employment, contract, mine))
    return result


def _l4_2_ok(state: CoopState, day: dt.date) -> bool:
    result = r.check_l4_2(replace(state.snapshot, as_of=day), r.params_at(day), state.settings)
    return result.status is not r.Status.BREACH


def _breach_from(state: CoopState) -> dt.date | None:
    rows = forecast.forecast(state.snapshot, state.planned, settings=state.settings)
    return next((row.day for row in rows if row.status is r.Status.BREACH), None)


def relief_month(
    *, user: UserLike, organisation_id: int, year: int, month: int, today: dt.date, purpose: str
) -> tuple[Organisation, list[WorkerRelief], bool]:
    """Each disadvantaged worker's relief in a month, and whether the co-op kept L4.2 then."""
    organisation = access.access_personal(user, organisation_id)
    first, last = dt.date(year, month, 1), r.month_end(year, month)
    state = coop_state(user, organisation, today)
    ok = _l4_2_ok(state, min(last, today) if first <= today else last)
    breach = _breach_from(state)
    rows = []
    for employment, contract, certificates in _contracts(organisation, first, last, user, purpose):
        line = r.relief_line(
            contract, coop_type=organisation.type, l4_2_ok=ok, year=year, month=month
        )
        if line is None:
            continue
        until, losses = r.relief_until(
            contract, coop_type=organisation.type, today=today, breach_from=breach
        )
        label = category_label(certificates[-1].category)
        why = " · ".join(part for part in (losses_text(line.losses), losses_text(losses)) if part)
        rows.append(WorkerRelief(employment, label, line, until, losses, why))
    return organisation, rows, ok


@dataclass(frozen=True)
class WorkerValue:
    employment: Employment
    line: public_value.PublicValueLine


def _months_in(employment: Employment, first: dt.date, last: dt.date) -> Decimal:
    start = max(first, employment.started_on)
    end = min(last, employment.ended_on or last)
    if end < start:
        return Decimal(0)
    days_in_year = (dt.date(first.year, 12, 31) - first).days + 1
    return (Decimal((end - start).days + 1) * 12 / days_in_year).quantize(Decimal("0.01"))


def public_value_year(
    *, user: UserLike, organisation_id: int, year: int, today: dt.date, purpose: str
) -> tuple[Organisation, list[WorkerValue], public_value.PublicValueLine]:
    """Per disadvantaged worker and for the co-op, for ``year`` (up to today if current)."""
    organisation = access.access_personal(user, organisation_id)
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), max(today, dt.date(year, 1, 1)))
    rows = []
    for employment, contract, _certificates in _contracts(organisation, first, last, user, purpose):
        line = r.relief_line(
            contract, coop_type=organisation.type, l4_2_ok=True, year=last.year, month=last.month
        )
        rate = line.rate if line is not None else Decimal(0)
        worker = public_value.WorkerYear(
            key=str(employment.pk),
            weekly_hours=employment.weekly_hours or Decimal(0),
            months=_months_in(employment, first, last),
            relief_rate=rate,
        )
        rows.append(WorkerValue(employment, public_value.estimate(worker, last)))
    return organisation, rows, public_value.total([row.line for row in rows])
