"""Versioned legal parameters and co-op level settings.

Legal numbers live here and nowhere else. Each `Parameters` set carries the date it takes effect;
`params_at(day)` returns the set in force on that day. A change in the law is a new entry in
`PARAMETER_VERSIONS`, never an edit of an old one, so past evaluations stay reproducible.
Settings are choices a co-op (or its federation) makes where the law is read in more than one way.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import pairwise

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
