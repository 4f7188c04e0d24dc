"""Reads of public contracts, scoped by the acting user (see ``access``).

A member co-op reads only its own shares of the lots it executes: never another member's prices
or hours. Hours delivered come from care's visits (``care.selectors.hours_done_by_month``) under
the commissions linked to a share.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

import fragola_law as r
from fragola.care.selectors import hours_done_by_month
from fragola.compliance.selectors import consortium_board
from fragola.core.access import UserLike
from fragola.procurement.access import access_consortium, access_own_lots
from fragola.procurement.models import (
    Contract,
    ContractLot,
    ContractShare,
    Executor,
    PublicBody,
    Tender,
    TenderState,
)
from fragola.registry.models import Organisation
from fragola.registry.selectors import consortium_members

# Alerts on a share's hours of a month: near the budget, then at or over it.
ALERT_NEAR = Decimal(80)
ALERT_FULL = Decimal(100)
UPCOMING_DAYS = 30
HOURS_MONTHS = 6
PIPELINE = [
    TenderState.WATCHING,
    TenderState.GO_NO_GO,
    TenderState.PREPARING,
    TenderState.SUBMITTED,
    TenderState.AWARDED,
    TenderState.CONTRACT,
    TenderState.LOST,
    TenderState.DECLINED,
]
WON = frozenset({TenderState.AWARDED, TenderState.CONTRACT})


def public_body_list(*, query: str = "") -> QuerySet[PublicBody]:
    bodies = PublicBody.objects.select_related("comune")
    if query:
        bodies = bodies.filter(Q(name__icontains=query) | Q(fiscal_code__icontains=query))
    return bodies.order_by("name", "pk")


def tender_list(*, user: UserLike, organisation_id: int, state: str = "") -> QuerySet[Tender]:
    consortium = access_consortium(user, organisation_id)
    tenders = Tender.objects.filter(organisation=consortium).select_related("body")
    if state:
        tenders = tenders.filter(state=state)
    return tenders.order_by("submission_due", "pk")


def executors_of(tender: Tender) -> QuerySet[Executor]:
    return tender.executors.select_related("coop").order_by("coop__name", "pk")


def member_coops(consortium: Organisation, day: dt.date) -> list[Organisation]:
    return [link.member for link in consortium_members(consortium, day)]


@dataclass(frozen=True)
class Deadline:
    tender: Tender
    kind: str  # "clarifications", "submission", "opening"
    at: dt.datetime

    @property
    def uid(self) -> str:
        return f"tender-{self.tender.pk}-{self.kind}"


DEADLINE_FIELDS = (
    ("clarifications", "clarifications_due"),
    ("submission", "submission_due"),
    ("opening", "opening_at"),
)


def deadlines(tenders: Iterable[Tender], *, since: dt.datetime | None = None) -> list[Deadline]:
    """The dated deadlines of ``tenders`` (from ``since`` if given), in time order."""
    found = [
        Deadline(tender, kind, getattr(tender, name))
        for tender in tenders
        for kind, name in DEADLINE_FIELDS
        if getattr(tender, name) is not None
    ]
    if since is not None:
        found = [d for d in found if d.at >= since]
    return sorted(found, key=lambda d: (d.at, d.tender.pk))


def feed_tenders(consortium: Organisation) -> QuerySet[Tender]:
    """The tenders whose deadlines reach the consortium's calendars (not the closed ones)."""
    closed = [TenderState.LOST, TenderState.DECLINED, TenderState.CONTRACT]
    return (
        Tender.objects.filter(organisation=consortium)
        .exclude(state__in=closed)
        .select_related("body")
        .order_by("pk")
    )


@dataclass(frozen=True)
class MemberValue:
    coop: Organisation
    amount: Decimal


@dataclass(frozen=True)
class Board:
    consortium: Organisation
    columns: list[tuple[str, str, list[Tender]]]  # state, label, tenders
    upcoming: list[Deadline]
    won: int
    lost: int
    win_rate: Decimal | None  # percent of the decided tenders won
    value_by_member: list[MemberValue]


def _value_by_member(consortium: Organisation) -> list[MemberValue]:
    shares = ContractShare.objects.filter(lot__contract__organisation=consortium).select_related(
        "coop", "lot"
    )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    coops: dict[int, Organisation] = {}
    for share in shares:
        totals[share.coop_id] += share.lot.amount * share.percent / 100
        coops[share.coop_id] = share.coop
    rows = [
        MemberValue(coops[pk], amount.quantize(Decimal("0.01"), ROUND_HALF_UP))
        for pk, amount in totals.items()
    ]
    return sorted(rows, key=lambda row: (-row.amount, row.coop.name))


def tender_board(*, user: UserLike, organisation_id: int, now: dt.datetime) -> Board:
    """The consortium's pipeline, its coming deadlines, win rate and value by member."""
    consortium = access_consortium(user, organisation_id)
    tenders = list(
        Tender.objects.filter(organisation=consortium)
        .select_related("body")
        .order_by("submission_due", "pk")
    )
    labels = dict(TenderState.choices)
    by_state: dict[str, list[Tender]] = defaultdict(list)
    for tender in tenders:
        by_state[tender.state].append(tender)
    columns = [(state.value, str(labels[state]), by_state[state]) for state in PIPELINE]
    horizon = now + dt.timedelta(days=UPCOMING_DAYS)
    open_tenders = [t for t in tenders if t.state not in {TenderState.LOST, TenderState.DECLINED}]
    upcoming = [d for d in deadlines(open_tenders, since=now) if d.at <= horizon]
    won = sum(1 for t in tenders if t.state in WON)
    lost = sum(1 for t in tenders if t.state == TenderState.LOST)
    rate = (Decimal(100) * won / (won + lost)).quantize(Decimal("0.1")) if won + lost else None
    return Board(consortium, columns, upcoming, won, lost, rate, _value_by_member(consortium))


def contract_list(*, user: UserLike, organisation_id: int) -> QuerySet[Contract]:
    consortium = access_consortium(user, organisation_id)
    return (
        Contract.objects.filter(organisation=consortium)
        .select_related("tender__body")
        .order_by("-starts_on", "pk")
    )


def contract_lots(contract: Contract) -> list[ContractLot]:
    shares = ContractShare.objects.select_related("coop").order_by("coop__name", "pk")
    return list(
        contract.lots.prefetch_related(Prefetch("shares", queryset=shares), "prices").order_by(
            "number", "pk"
        )
    )


# Hours: contracted against delivered, month by month -------------------------------------------


@dataclass(frozen=True)
class HoursRow:
    share: ContractShare
    month: dt.date  # its first day
    contracted: Decimal
    delivered: Decimal

    @property
    def percent(self) -> Decimal | None:
        if not self.contracted:
            return None
        return (Decimal(100) * self.delivered / self.contracted).quantize(Decimal("0.1"))

    @property
    def alert(self) -> str:
        """ "full" at or over the month's hours, "near" from 80 %, else ""."""
        percent = self.percent
        if percent is None:
            return "full" if self.delivered else ""
        if percent >= ALERT_FULL:
            return "full"
        return "near" if percent >= ALERT_NEAR else ""


def months_until(today: dt.date, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """The last ``count`` months (first days) of ``start``..``end`` up to ``today``'s month."""
    last = min(today, end).replace(day=1)
    first = start.replace(day=1)
    months: list[dt.date] = []
    cursor = last
    while cursor >= first and len(months) < count:
        months.append(cursor)
        cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
    return sorted(months)


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def hours_rows(shares: Sequence[ContractShare], months: Sequence[dt.date]) -> list[HoursRow]:
    """Each share's hours in each of ``months``: contracted, and delivered by care's done visits
    under its linked commissions (one query for them all)."""
    return hours_rows_by_share([(share, months) for share in shares])


def hours_rows_by_share(
    wanted: Sequence[tuple[ContractShare, Sequence[dt.date]]],
) -> list[HoursRow]:
    """Like ``hours_rows``, each share over its own months, still in one query."""
    all_months = sorted({month for _share, months in wanted for month in months})
    if not all_months:
        return []
    commission_of: dict[int, int] = {}
    for share, _months in wanted:
        for link in share.commissions.all():
            commission_of[link.commission_id] = share.pk
    done = hours_done_by_month(
        commission_ids=list(commission_of), start=all_months[0], end=_month_end(all_months[-1])
    )
    delivered: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    for (commission_id, month), hours in done.items():
        delivered[commission_of[commission_id], month] += hours
    return [
        HoursRow(share, month, share.hours_per_month, delivered.get((share.pk, month), Decimal(0)))
        for share, months in wanted
        for month in months
    ]


def shares_with_links(rows: QuerySet[ContractShare]) -> list[ContractShare]:
    return list(
        rows.select_related("coop", "lot__contract__tender__body").prefetch_related(
            "commissions", "lot__prices"
        )
    )


def contract_hours(contract: Contract, today: dt.date) -> list[HoursRow]:
    shares = shares_with_links(
        ContractShare.objects.filter(lot__contract=contract).order_by("lot__number", "coop__name")
    )
    months = months_until(today, contract.starts_on, contract.ends_on, HOURS_MONTHS)
    return hours_rows(shares, months)


@dataclass(frozen=True)
class OwnLot:
    share: ContractShare
    rows: list[HoursRow]


def own_lots(
    *, user: UserLike, organisation_id: int, today: dt.date
) -> tuple[Organisation, list[OwnLot]]:
    """The lots ``organisation_id`` executes, with only its own share, prices and hours."""
    coop = access_own_lots(user, organisation_id)
    shares = shares_with_links(
        ContractShare.objects.filter(coop=coop).order_by(
            "-lot__contract__starts_on", "lot__number", "pk"
        )
    )
    wanted = [
        (share, months_until(today, c.starts_on, c.ends_on, HOURS_MONTHS))
        for share in shares
        for c in [share.lot.contract]
    ]
    rows = hours_rows_by_share(wanted)
    by_share: dict[int, list[HoursRow]] = defaultdict(list)
    for row in rows:
        by_share[row.share.pk].append(row)
    return coop, [OwnLot(share, by_share[share.pk]) for share in shares]


def own_lot_shares(*, user: UserLike, organisation_id: int) -> QuerySet[ContractShare]:
    """The API's list of a co-op's own shares (paginated by the caller)."""
    coop = access_own_lots(user, organisation_id)
    return (
        ContractShare.objects.filter(coop=coop)
        .select_related("lot__contract__tender__body")
        .order_by("-lot__contract__starts_on", "lot__number", "pk")
    )


# What the art. 61 check reads from the compliance engine ----------------------------------------


def _share(result: r.RuleResult) -> Decimal:
    """A co-op's share of disadvantaged workers from its L4.2 result (0 where it does not apply)."""
    if result.code == "all_disadvantaged":
        return Decimal(1)
    if result.status is r.Status.NOT_APPLICABLE or result.value is None:
        return Decimal(0)
    return Decimal(str(result.value))


def disadvantaged_shares(
    *, user: UserLike, consortium: Organisation, coops: Iterable[Organisation], on: dt.date
) -> dict[int, Decimal]:
    """Each co-op's share of disadvantaged workers on ``on`` (L4.2, as the compliance board has
    it: stored results where fresh), read by the consortium's staff."""
    _consortium, rows = consortium_board(user=user, organisation_id=consortium.pk, as_of=on)
    wanted = {coop.pk for coop in coops}
    shares = dict.fromkeys(wanted, Decimal(0))
    for row in rows:
        if row.organisation.pk in wanted:
            for result in row.results:
                if result.rule == "L4.2":
                    shares[row.organisation.pk] = _share(result)
    return shares


def today_and_now() -> tuple[dt.date, dt.datetime]:
    return timezone.localdate(), timezone.now()
