"""Contribution relief for disadvantaged workers of a type B co-op (L4.5, L. 381 art. 4(3)-(3-bis)).

- art. 4(3): contributions on a disadvantaged worker's pay are zero;
- art. 4(3-bis) and DM 148/2014: prisoners and internees get reduced rates (a share waived),
  continuing for a period after release (the certificate's expiry is the release date);
- both hold only while the co-op keeps the 30 % (L4.2) [S]: below it the relief is lost.

One ``ReliefLine`` per contract per month, as the payroll provider needs it; why a relief is
lost is a ``Loss`` code, worded for people by ``fragola.integration.reports.losses_text``.
Pure Python, like every rule.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from . import params
from .categories import Relief, relief_kind

SOURCE_ZERO = "L. 381/1991 art. 4(3)"
SOURCE_REDUCED = "L. 381/1991 art. 4(3-bis); DM 148/2014"


class Loss(StrEnum):
    NOT_TYPE_B = "not_type_b"
    NO_CERTIFICATE = "no_certificate"
    CERTIFICATE_EXPIRED = "certificate_expired"
    BELOW_30 = "below_30"
    CONTRACT_ENDED = "contract_ended"


@dataclass(frozen=True)
class Certificate:
    category: str  # workforce certificate code (categories.py, rule set L381)
    issued_on: date
    expires_on: date | None = None


@dataclass(frozen=True)
class WorkerContract:
    key: str  # employment id
    branch: str
    start: date
    end: date | None
    certificates: tuple[Certificate, ...]
    had_outside_work: bool = True  # prisoners: semi-liberty or outside work (shorter period)


@dataclass(frozen=True)
class Window:
    kind: Relief
    rate: Decimal  # share of contributions waived
    start: date
    end: date | None
    source: str


@dataclass(frozen=True)
class ReliefLine:
    key: str
    year: int
    month: int
    kind: Relief
    rate: Decimal
    relief_from: date | None
    relief_until: date | None
    losses: tuple[Loss, ...]
    source: str

    @property
    def qualifies(self) -> bool:
        return self.kind is not Relief.NONE


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def windows(contract: WorkerContract) -> list[Window]:
    """The periods each certificate opens a relief, prisoners' period after release included."""
    result = []
    for cert in contract.certificates:
        kind = relief_kind(cert.category, cert.issued_on)
        if kind is Relief.ZERO:
            rate = params.value_at(params.ZERO_RELIEF, cert.issued_on)
            result.append(Window(kind, rate.value, cert.issued_on, cert.expires_on, SOURCE_ZERO))
        elif kind is Relief.REDUCED:
            end = cert.expires_on
            version = params.value_at(params.PRISONER_RELIEF, end or cert.issued_on).value
            if end is not None:
                months = (
                    version.months_after_release_outside_work
                    if contract.had_outside_work
                    else version.months_after_release_other
                )
                end = add_months(end, months)
            result.append(Window(kind, version.reduction, cert.issued_on, end, SOURCE_REDUCED))
    return result


def _overlap(window: Window, low: date, high: date) -> tuple[date, date] | None:
    start, end = max(window.start, low), min(window.end or high, high)
    return (start, end) if start <= end else None


def relief_line(
    contract: WorkerContract, *, coop_type: str, l4_2_ok: bool, year: int, month: int
) -> ReliefLine | None:
    """The contract's relief in a month; None if it was not employed that month."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    if contract.start > last or (contract.end is not None and contract.end < first):
        return None
    low, high = max(first, contract.start), min(last, contract.end or last)
    losses: list[Loss] = []
    if coop_type not in ("B", "AB") or contract.branch != "B":
        losses.append(Loss.NOT_TYPE_B)
    if not l4_2_ok:
        losses.append(Loss.BELOW_30)
    spans = [(w, _overlap(w, low, high)) for w in windows(contract)]
    valid = [(w, span) for w, span in spans if span is not None]
    if not contract.certificates:
        losses.append(Loss.NO_CERTIFICATE)
    elif not valid or max(span[1] for _, span in valid) < high:
        losses.append(Loss.CERTIFICATE_EXPIRED)
    if contract.end is not None and contract.end < last:
        losses.append(Loss.CONTRACT_ENDED)
    blocking = {Loss.NOT_TYPE_B, Loss.BELOW_30, Loss.NO_CERTIFICATE}
    if not valid or blocking & set(losses):
        return ReliefLine(contract.key, year, month, Relief.NONE, Decimal(0), None, None,
                          tuple(losses), "")  # fmt: skip
    # The most favourable window that applies in the month (zero beats reduced).
    window, span = max(valid, key=lambda item: (item[0].rate, item[1][1]))
    return ReliefLine(
        contract.key, year, month, window.kind, window.rate, span[0], span[1], tuple(losses),
        window.source,
    )  # fmt: skip


def relief_until(
    contract: WorkerContract, *, coop_type: str, today: date, breach_from: date | None
) -> tuple[date | None, tuple[Loss, ...]]:
    """When the relief ends, looking forward from ``today``, and why (None: no end in sight).

    ``breach_from`` is the first forecast date the co-op falls below 30 % (L4.2), if any.
    """
    if coop_type not in ("B", "AB") or contract.branch != "B":
        return today, (Loss.NOT_TYPE_B,)
    ends: list[tuple[date, Loss]] = []
    current = [
        w for w in windows(contract) if w.start <= today and (w.end is None or today <= w.end)
    ]
    if not current:
        loss = Loss.CERTIFICATE_EXPIRED if contract.certificates else Loss.NO_CERTIFICATE
        return today, (loss,)
    if all(w.end is not None for w in current):
        ends.append((max(w.end for w in current if w.end is not None), Loss.CERTIFICATE_EXPIRED))
    if contract.end is not None:
        ends.append((contract.end, Loss.CONTRACT_ENDED))
    if breach_from is not None:
        ends.append((breach_from - timedelta(days=1), Loss.BELOW_30))
    if not ends:
        return None, ()
    day = min(end for end, _ in ends)
    return day, tuple(loss for end, loss in ends if end == day)
