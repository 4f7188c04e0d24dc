"""Versioned legal parameters and co-op level settings: the one place for every legal number.

Legal numbers live here and nowhere else. Each `Parameters` set carries the date it takes effect;
`params_at(day)` returns the set in force on that day. A change in the law is a new entry in
`PARAMETER_VERSIONS`, never an edit of an old one, so past evaluations stay reproducible.
Settings are choices a co-op (or its federation) makes where the law is read in more than one way.

Numbers that change on their own dates (the EU threshold of art. 5, contribution reliefs, the
estimates of public value) are tables of ``Versioned`` entries, each with its source;
``value_at(table, day)`` returns the entry in force. ``assumption=True`` marks a number Fragola
assumes (no primary source): pages say so.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Generic, TypeVar

from .enums import DenominatorMode

NO_PARAMETERS_BEFORE = "No legal parameters are in force before {first} (asked for {day})."
VERSIONS_NOT_ORDERED = "Parameter versions must have strictly increasing effective_from dates."


@dataclass(frozen=True)
class Parameters:
    effective_from: date
    label: str
    l2_1_max_volunteer_share: Fraction = Fraction(1, 2)
    l4_2_min_disadvantaged_share: Fraction = Fraction(3, 10)
    l4_3_window_months: int = 12
    l4_4_expiry_alert_days: int = 60
    l8_min_social_coop_share: Fraction = Fraction(7, 10)
    l8_min_coops: int = 3
    g1_min_members: int = 9
    g1_min_members_srl_natural: int = 3
    g1_restore_days: int = 365
    g2_min_days_on_book: int = 90
    g2_max_votes_legal_person: int = 5
    g3_max_supporter_vote_share: Fraction = Fraction(1, 3)
    g3_max_votes_supporter: int = 5
    g4_min_board_share: Fraction = Fraction(1, 2)
    human_scale_max_members: int = 100


BASELINE = Parameters(
    effective_from=date(1991, 12, 18),
    label="L. 381/1991 (in force 18 Dec 1991); c.c. as reformed by D.Lgs 6/2003",
)

PARAMETER_VERSIONS: tuple[Parameters, ...] = (BASELINE,)


@dataclass(frozen=True)
class ParameterSchedule:
    versions: tuple[Parameters, ...]
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = tuple(v.effective_from for v in self.versions)
        if not starts or any(a >= b for a, b in pairwise(starts)):
            raise ValueError(VERSIONS_NOT_ORDERED)
        object.__setattr__(self, "_starts", starts)

    def at(self, day: date) -> Parameters:
        index = bisect_right(self._starts, day) - 1
        if index < 0:
            raise ValueError(NO_PARAMETERS_BEFORE.format(first=self._starts[0], day=day))
        return self.versions[index]


DEFAULT_SCHEDULE = ParameterSchedule(PARAMETER_VERSIONS)


def params_at(day: date, schedule: ParameterSchedule = DEFAULT_SCHEDULE) -> Parameters:
    """The parameter set in force on `day` (a version applies from its effective_from date)."""
    return schedule.at(day)


@dataclass(frozen=True)
class Settings:
    """Co-op level choices where the law is disputed; not legal parameters."""

    l4_3_denominator: DenominatorMode = DenominatorMode.NON_DISADVANTAGED
    g4_count_volunteers: bool = False


DEFAULT_SETTINGS = Settings()


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

# P1 (reserved contracts, D.Lgs 36/2023 art. 61): each member of a grouping needs 30 %. The
# 30 % of a type B co-op itself (L4.2) is ``Parameters.l4_2_min_disadvantaged_share``.
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
