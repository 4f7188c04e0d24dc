"""Versioned parameters of work integration: every number with its effective date and source.

A change in the law (or in an assumption) is a new entry, never an edit of an old one, so past
checks stay reproducible. ``value_at(table, day)`` returns the entry in force on ``day``.
``assumption=True`` marks a number Fragola assumes (no primary source): pages say so.
Pure Python: no Django import.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")

NO_VALUE_BEFORE = "No value of {name} is in force before {first} (asked for {day})."


class NoValueInForce(ValueError):
    """Asked for a parameter on a day before its first version took effect."""


@dataclass(frozen=True)
class Versioned(Generic[T]):
    name: str
    effective_from: date
    value: T
    source: str
    assumption: bool = False
    note: str = ""


def value_at(table: tuple[Versioned[T], ...], day: date) -> Versioned[T]:
    """The entry of ``table`` (sorted by ``effective_from``) in force on ``day``."""
    starts = [v.effective_from for v in table]
    index = bisect_right(starts, day) - 1
    if index < 0:
        raise NoValueInForce(NO_VALUE_BEFORE.format(name=table[0].name, first=starts[0], day=day))
    return table[index]


# L5.1: EU threshold for sub-central service contracts, net of VAT; "below" means strictly less.
EU_THRESHOLD: tuple[Versioned[Decimal], ...] = (
    Versioned("eu_threshold", date(2022, 1, 1), Decimal("215000"), "Reg. del. (UE) 2021/1952"),
    Versioned("eu_threshold", date(2024, 1, 1), Decimal("221000"), "Reg. del. (UE) 2023/2495"),
    Versioned("eu_threshold", date(2026, 1, 1), Decimal("216000"), "Reg. del. (UE) 2025/2152"),
)

# L4.2 / P1: the minimum share of disadvantaged workers.
MIN_DISADVANTAGED_SHARE: tuple[Versioned[Decimal], ...] = (
    Versioned("min_share", date(1991, 12, 18), Decimal("0.30"), "L. 381/1991 art. 4(2)"),
)
RESERVED_MIN_SHARE: tuple[Versioned[Decimal], ...] = (
    Versioned(
        "reserved_min_share",
        date(2023, 7, 1),
        Decimal("0.30"),
        "D.Lgs 36/2023 art. 61; ANAC opinion 46/2025 (each RTI member)",
    ),
)


@dataclass(frozen=True)
class PrisonerRelief:
    """L4.5, art. 4(3-bis): reduced contributions for prisoners and internees."""

    reduction: Decimal  # share of the total contribution rates waived (employer and worker)
    months_after_release_outside_work: int  # had semi-liberty or outside work (art. 21 O.P.)
    months_after_release_other: int


PRISONER_RELIEF: tuple[Versioned[PrisonerRelief], ...] = (
    Versioned(
        "prisoner_relief",
        date(2000, 7, 28),
        PrisonerRelief(Decimal("0.80"), 6, 6),
        "L. 193/2000 art. 4(3-bis) original text; DM 87/2002",
        assumption=True,
        note="Rate before 2013 not checked against the decree text.",
    ),
    Versioned(
        "prisoner_relief",
        date(2013, 1, 1),
        PrisonerRelief(Decimal("0.95"), 18, 24),
        "DM 24 Jul 2014 n. 148 art. 8 (95 % from 2013); L. 381/1991 art. 4(3-bis) as amended "
        "by DL 78/2013 art. 3-bis (L. 94/2013): 18 months after release with semi-liberty or "
        "outside work, 24 without",
    ),
)

# L4.5, art. 4(3): contributions on disadvantaged workers' pay are zero.
ZERO_RELIEF: tuple[Versioned[Decimal], ...] = (
    Versioned("zero_relief", date(1991, 12, 18), Decimal("1.00"), "L. 381/1991 art. 4(3)"),
)


@dataclass(frozen=True)
class PublicValueParameters:
    """What an integrated worker saves or returns to the public purse in a year (estimate)."""

    gross_hourly_pay: Versioned[Decimal]
    irpef_effective_rate: Versioned[Decimal]
    employee_contribution_rate: Versioned[Decimal]
    employer_contribution_rate: Versioned[Decimal]
    benefit_avoided_per_year: Versioned[Decimal]
    benefit_take_up: Versioned[Decimal]


PUBLIC_VALUE: tuple[Versioned[PublicValueParameters], ...] = (
    Versioned(
        "public_value",
        date(2024, 1, 1),
        PublicValueParameters(
            gross_hourly_pay=Versioned(
                "gross_hourly_pay",
                date(2025, 1, 1),
                Decimal("9.80"),
                "CCNL cooperative sociali 26 Jan 2024, level A1 gross pay (estimate from the "
                "Ministry cost table DD 30/2024: €19.70/h cost in Jan 2025 incl. contributions "
                "and deferred pay)",
                assumption=True,
            ),
            irpef_effective_rate=Versioned(
                "irpef_effective_rate",
                date(2025, 1, 1),
                Decimal("0.08"),
                "TUIR art. 11 and 13 (23 % first bracket less work-income deductions): "
                "effective rate on about €15,000 a year",
                assumption=True,
            ),
            employee_contribution_rate=Versioned(
                "employee_contribution_rate",
                date(2025, 1, 1),
                Decimal("0.0919"),
                "INPS FPLD employee share 9.19 % (zero under L. 381 art. 4(3))",
            ),
            employer_contribution_rate=Versioned(
                "employer_contribution_rate",
                date(2025, 1, 1),
                Decimal("0.30"),
                "INPS employer share, about 30 % for co-operatives (zero under art. 4(3))",
                assumption=True,
            ),
            benefit_avoided_per_year=Versioned(
                "benefit_avoided_per_year",
                date(2024, 1, 1),
                Decimal("6000"),
                "Assegno di inclusione, DL 48/2023 art. 3: up to €6,000 a year (income part)",
            ),
            benefit_take_up=Versioned(
                "benefit_take_up",
                date(2024, 1, 1),
                Decimal("0.50"),
                "Share of integrated workers who would otherwise receive it: Fragola's "
                "assumption, to be replaced by the co-op's own data",
                assumption=True,
            ),
        ),
        "see each parameter",
    ),
)
