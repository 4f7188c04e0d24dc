"""Every write of the back office: agreements, requests and their service levels, shared costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.backoffice import allocation, working_time
from fragola.backoffice.models import (
    Agreement,
    AllocationRun,
    Breach,
    Charge,
    ChargeLine,
    CostPool,
    DriverValue,
    Escalation,
    RequestKind,
    RequestStatus,
    RunStatus,
    ServiceRequest,
    TimeEntry,
)
from fragola.registry.models import ConsortiumMembership, Organisation

# A consortium's services to its members: 22 % (AdE circ. 23/E/2009, 5/E/2011).
VAT_RATE = Decimal("22.00")
CENT = Decimal("0.01")

ERR_NOT_A_MEMBER = _("This co-operative is not a member of the consortium on that day.")
ERR_ENDS_BEFORE_START = _("The end date comes before the start date.")
ERR_FEE_NEGATIVE = _("The fee cannot be negative.")
ERR_AGREEMENT_EXISTS = _("This co-operative already has this service from that day.")
ERR_SUBJECT_REQUIRED = _("Say what the request is about.")
ERR_BEFORE_OPENING = _("This comes before the request was opened.")
ERR_ALREADY_RESOLVED = _("The request is already resolved.")
ERR_NOT_RESOLVED = _("A request is rated once it is resolved.")
ERR_SATISFACTION = _("Give a rating from 1 to 5.")
ERR_MINUTES = _("Give the minutes worked, from 1 to 1440.")
ERR_RUN_NOT_DRAFT = _("This run is approved: it is frozen. Revise it to make a new run.")
ERR_RUN_REPLACED = _("This run has already been replaced by a newer one.")
ERR_PERIOD = _("A run is for a month: give its first day.")
ERR_POOL_NEGATIVE = _("Pool %(pool)s: the amount cannot be negative.")
ERR_POOL_REPEATED = _("Pool %(pool)s appears twice.")
ERR_DRIVER_NEGATIVE = _("Co-op %(coop)s, driver %(driver)s: the value cannot be negative.")
ERR_DRIVER_REPEATED = _("Co-op %(coop)s has two values of driver %(driver)s.")
ERR_DRIVER_ZERO = _("Pool %(pool)s: the values of driver %(driver)s add up to zero.")
ERR_DRIVER_MISSING = _("Pool %(pool)s: no co-op has a value of driver %(driver)s.")
ERR_NOT_CENTS = _("Pool %(pool)s: an amount has at most two decimals.")
ERR_UNKNOWN_COOP = _("No member co-operative has the fiscal code %(coop)s.")


# Agreements ------------------------------------------------------------------------------


def _is_member(consortium: Organisation, coop: Organisation, day: dt.date) -> bool:
    return ConsortiumMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day),
        consortium=consortium,
        member=coop,
        joined_on__lte=day,
    ).exists()


@transaction.atomic
def agreement_add(
    *,
    consortium: Organisation,
    coop: Organisation,
    service: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    monthly_fee: Decimal,
    startup_package: bool = False,
    dpa_signed_on: dt.date | None = None,
) -> Agreement:
    errors: dict[str, object] = {}
    if not _is_member(consortium, coop, starts_on):
        errors["coop"] = ERR_NOT_A_MEMBER
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = ERR_ENDS_BEFORE_START
    if monthly_fee < 0:
        errors["monthly_fee"] = ERR_FEE_NEGATIVE
    if Agreement.objects.filter(coop=coop, service=service, starts_on=starts_on).exists():
        errors["starts_on"] = ERR_AGREEMENT_EXISTS
    if errors:
        raise ValidationError(errors)
    return Agreement.objects.create(
        consortium=consortium, coop=coop, service=service, starts_on=starts_on, ends_on=ends_on,
        monthly_fee=monthly_fee, startup_package=startup_package, dpa_signed_on=dpa_signed_on,
    )  # fmt: skip


# Requests --------------------------------------------------------------------------------


def consortium_of(coop: Organisation, day: dt.date) -> Organisation | None:
    """The consortium ``coop`` is a member of on ``day`` (the earliest joined, if several)."""
    link = (
        ConsortiumMembership.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gt=day), member=coop, joined_on__lte=day
        )
        .select_related("consortium")
        .order_by("joined_on", "pk")
        .first()
    )
    return link.consortium if link else None


@transaction.atomic
def request_open(
    *,
    coop: Organisation,
    kind: str,
    subject: str,
    description: str = "",
    opened_by: User | None = None,
    at: dt.datetime | None = None,
) -> ServiceRequest:
    """Open a request; it reaches the team of its kind with the kind's service levels."""
    at = at or timezone.now()
    consortium = consortium_of(coop, timezone.localdate(at))
    errors: dict[str, object] = {}
    if consortium is None:
        errors["coop"] = ERR_NOT_A_MEMBER
    if not subject.strip():
        errors["subject"] = ERR_SUBJECT_REQUIRED
    if errors:
        raise ValidationError(errors)
    assert consortium is not None
    request_kind = working_time.Kind(RequestKind(kind).value)
    team = working_time.SERVICE_LEVELS[request_kind][0]
    response_due, resolution_due = working_time.due_times(request_kind, at)
    return ServiceRequest.objects.create(
        consortium=consortium, coop=coop, kind=kind, team=team.value, subject=subject.strip(),
        description=description, opened_at=at, opened_by=opened_by,
        response_due=response_due, resolution_due=resolution_due,
    )  # fmt: skip


def _not_before_opening(request: ServiceRequest, at: dt.datetime, field: str) -> None:
    if at < request.opened_at:
        raise ValidationError({field: ERR_BEFORE_OPENING})


@transaction.atomic
def request_answer(
    *, request: ServiceRequest, answer: str, at: dt.datetime | None = None
) -> ServiceRequest:
    """The consortium answers; the first answer stops the response clock."""
    at = at or timezone.now()
    if request.status == RequestStatus.RESOLVED:
        raise ValidationError({"answer": ERR_ALREADY_RESOLVED})
    _not_before_opening(request, at, "answer")
    request.answer = answer
    request.status = RequestStatus.ANSWERED
    request.answered_at = request.answered_at or at
    request.save(update_fields=["answer", "status", "answered_at", "updated_at"])
    return request


@transaction.atomic
def request_resolve(*, request: ServiceRequest, at: dt.datetime | None = None) -> ServiceRequest:
    at = at or timezone.now()
    if request.status == RequestStatus.RESOLVED:
        raise ValidationError({"status": ERR_ALREADY_RESOLVED})
    _not_before_opening(request, at, "resolved_at")
    request.status = RequestStatus.RESOLVED
    request.resolved_at = at
    request.answered_at = request.answered_at or at
    request.save(update_fields=["status", "resolved_at", "answered_at", "updated_at"])
    return request


@transaction.atomic
def request_rate(*, request: ServiceRequest, satisfaction: int) -> ServiceRequest:
    """The co-op's satisfaction answer at closure."""
    if request.status != RequestStatus.RESOLVED:
        raise ValidationError({"satisfaction": ERR_NOT_RESOLVED})
    if not 1 <= satisfaction <= 5:
        raise ValidationError({"satisfaction": ERR_SATISFACTION})
    request.satisfaction = satisfaction
    request.save(update_fields=["satisfaction", "updated_at"])
    return request


@transaction.atomic
def request_log_time(
    *,
    request: ServiceRequest,
    user: User | None,
    worked_on: dt.date,
    minutes: int,
    note: str = "",
) -> TimeEntry:
    if not 0 < minutes <= 24 * 60:
        raise ValidationError({"minutes": ERR_MINUTES})
    if worked_on < timezone.localdate(request.opened_at):
        raise ValidationError({"worked_on": ERR_BEFORE_OPENING})
    return TimeEntry.objects.create(
        request=request, user=user, worked_on=worked_on, minutes=minutes, note=note
    )


@transaction.atomic
def requests_escalate(*, now: dt.datetime | None = None) -> list[Escalation]:
    """Flag every service level missed by ``now``; each breach is escalated once."""
    now = now or timezone.now()
    late_answer = ServiceRequest.objects.filter(
        Q(answered_at__isnull=True) | Q(answered_at__gt=F("response_due")), response_due__lt=now
    ).exclude(escalations__breach=Breach.RESPONSE)
    late_resolution = ServiceRequest.objects.filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gt=F("resolution_due")),
        resolution_due__lt=now,
    ).exclude(escalations__breach=Breach.RESOLUTION)
    new = [
        Escalation(request=r, breach=Breach.RESPONSE, due_at=r.response_due, escalated_at=now)
        for r in late_answer
    ] + [
        Escalation(request=r, breach=Breach.RESOLUTION, due_at=r.resolution_due, escalated_at=now)
        for r in late_resolution
    ]
    return Escalation.objects.bulk_create(new, ignore_conflicts=True) if new else []


# Shared costs ----------------------------------------------------------------------------

_PROBLEM_ERRORS = {
    allocation.Reason.NEGATIVE_AMOUNT: ("pools", ERR_POOL_NEGATIVE),
    allocation.Reason.NOT_CENTS: ("pools", ERR_NOT_CENTS),
    allocation.Reason.DUPLICATE_POOL: ("pools", ERR_POOL_REPEATED),
    allocation.Reason.NEGATIVE_VALUE: ("values", ERR_DRIVER_NEGATIVE),
    allocation.Reason.DUPLICATE_VALUE: ("values", ERR_DRIVER_REPEATED),
    allocation.Reason.UNKNOWN_DRIVER: ("values", ERR_DRIVER_MISSING),
    allocation.Reason.ZERO_DRIVER: ("values", ERR_DRIVER_ZERO),
}


def _problems_error(problems: list[allocation.Problem]) -> ValidationError:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        field, message = _PROBLEM_ERRORS[problem.reason]
        params = {"pool": problem.pool, "coop": problem.coop, "driver": problem.driver}
        errors.setdefault(field, []).append(str(message) % params)
    return ValidationError(errors)


def members_by_code(consortium: Organisation, day: dt.date) -> dict[str, Organisation]:
    links = ConsortiumMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day), consortium=consortium, joined_on__lte=day
    ).select_related("member")
    return {link.member.fiscal_code: link.member for link in links}


def run_allocation(run: AllocationRun) -> allocation.Allocation:
    """The split of a run's pools by its stored driver values (fiscal codes as co-op keys)."""
    pools = [allocation.Pool(p.name, p.amount, p.driver) for p in run.pools.all()]
    values = [
        allocation.DriverValue(v.coop.fiscal_code, v.driver, v.value)
        for v in run.values.select_related("coop")
    ]
    return allocation.allocate(pools, values)


@transaction.atomic
def run_prepare(
    *,
    consortium: Organisation,
    period: dt.date,
    pools: Iterable[allocation.Pool],
    values: Iterable[allocation.DriverValue],
    replaces: AllocationRun | None = None,
) -> AllocationRun:
    """A draft run from pools and driver values (co-ops by fiscal code), checked to split."""
    pools, values = list(pools), list(values)
    if period.day != 1:
        raise ValidationError({"period": ERR_PERIOD})
    if replaces is not None and replaces.replaced_by.exists():
        raise ValidationError({"replaces": ERR_RUN_REPLACED})
    members = members_by_code(consortium, period)
    unknown = sorted({v.coop for v in values} - set(members))
    if unknown:
        raise ValidationError({"values": [str(ERR_UNKNOWN_COOP) % {"coop": c} for c in unknown]})
    try:
        allocation.allocate(pools, values)
    except allocation.AllocationError as exc:
        raise _problems_error(exc.problems) from exc
    run = AllocationRun.objects.create(consortium=consortium, period=period, replaces=replaces)
    CostPool.objects.bulk_create(
        CostPool(run=run, name=p.name, amount=p.amount, driver=p.driver) for p in pools
    )
    DriverValue.objects.bulk_create(
        DriverValue(run=run, coop=members[v.coop], driver=v.driver, value=v.value) for v in values
    )
    return run


@transaction.atomic
def run_revise(*, run: AllocationRun) -> AllocationRun:
    """A new draft with the same pools and values, to change: the approved run stays as it is."""
    pools = [allocation.Pool(p.name, p.amount, p.driver) for p in run.pools.all()]
    values = [
        allocation.DriverValue(v.coop.fiscal_code, v.driver, v.value)
        for v in run.values.select_related("coop")
    ]
    return run_prepare(
        consortium=run.consortium, period=run.period, pools=pools, values=values, replaces=run
    )


def vat_of(net: Decimal) -> Decimal:
    return (net * VAT_RATE / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _next_number(consortium: Organisation, year: int) -> int:
    prefix = f"{year}/BO/"
    numbers = Charge.objects.filter(consortium=consortium, number__startswith=prefix)
    used = [int(n.removeprefix(prefix)) for n in numbers.values_list("number", flat=True)]
    return max(used, default=0) + 1


@transaction.atomic
def run_approve(
    *, run: AllocationRun, user: User | None, on: dt.date | None = None
) -> list[Charge]:
    """Freeze the run and issue each co-op's charge: one line per pool, 22 % VAT."""
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise ValidationError({"status": ERR_RUN_NOT_DRAFT})
    issued_on = on or timezone.localdate()
    split = run_allocation(run)
    pools = {pool.name: pool for pool in run.pools.all()}
    coops = {v.coop.fiscal_code: v.coop for v in run.values.select_related("coop")}
    number = _next_number(run.consortium, issued_on.year)
    charges = []
    for code in split.coops:
        net = split.total(code)
        if net == 0:
            continue
        charge = Charge.objects.create(
            run=run, consortium=run.consortium, coop=coops[code],
            number=f"{issued_on.year}/BO/{number}", issued_on=issued_on, net=net,
            vat_rate=VAT_RATE, vat=vat_of(net), total=net + vat_of(net),
        )  # fmt: skip
        number += 1
        ChargeLine.objects.bulk_create(
            ChargeLine(charge=charge, pool=pools[name], amount=amount)
            for name, amount in split.shares[code].items()
            if amount
        )
        charges.append(charge)
    run.status = RunStatus.APPROVED
    run.approved_at = timezone.now()
    run.approved_by = user
    run.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    return charges
