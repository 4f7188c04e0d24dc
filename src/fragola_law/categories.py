"""Who counts as a disadvantaged worker: two rule sets, versioned, as data (L4.1, L-WISE).

- ``L381`` is Law 381/1991 art. 4(1) as amended by L. 193/2000: it governs the 30 % of a type B
  co-op (L4.2) and the contribution relief (L4.5).
- ``WISE`` is D.Lgs 112/2017 art. 2(4)-(5) for work-integration social enterprises; for type B
  co-ops the L. 381 list still governs the 30 % and the relief (domain spec L-WISE, [U]).

``DisadvantageCategory`` is the one list of their codes: a disadvantage certificate stores them
(``fragola.workforce.models.DisadvantageCategory`` is built from it) and the rules read them.
Their names for people are gettext labels on the Django side, never here.

A category applies from ``effective_from`` to ``effective_to`` (inclusive, ``None`` = open).
A change in the law is a new entry, never an edit of an old one. Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DisadvantageCategory(StrEnum):
    """The code of each category; a certificate stores one (all but ``WISE_ART4_381``)."""

    PHYSICAL = "physical"
    MENTAL = "mental"
    SENSORY = "sensory"
    PSYCHIATRIC_FORMER = "psychiatric_former"
    PSYCHIATRIC_TREATMENT = "psychiatric_treatment"
    ADDICTION = "addiction"
    ALCOHOL = "alcohol"
    MINOR_FAMILY = "minor_family"
    PRISONER = "prisoner"
    ALTERNATIVE_MEASURE = "alternative_measure"
    WISE_VERY_DISADVANTAGED = "wise_very_disadvantaged"
    WISE_DISADVANTAGED = "wise_disadvantaged"
    WISE_DISABLED = "wise_disabled"
    WISE_REFUGEE = "wise_refugee"
    WISE_HOMELESS = "wise_homeless"
    # D.Lgs 112/2017 art. 2(4)(a) names the art. 4 categories of L. 381: a worker certified under
    # them is recorded with the L. 381 category itself, so no certificate carries this code.
    WISE_ART4_381 = "wise_art4_381"


class RuleSet(StrEnum):
    L381 = "L381"  # L. 381/1991 art. 4 (type B co-ops)
    WISE = "WISE"  # D.Lgs 112/2017 art. 2(4)-(5) (work-integration social enterprises)


class Relief(StrEnum):
    """Which contribution relief a category opens for a type B co-op (L4.5)."""

    ZERO = "zero"  # art. 4(3): contributions are zero
    REDUCED = "reduced"  # art. 4(3-bis) and DM 148/2014: reduced rates, also after release
    NONE = "none"


L381_IN_FORCE = date(1991, 12, 18)
L193_IN_FORCE = date(2000, 7, 28)  # L. 193/2000 (GU 13 Jul 2000) [S]: date to confirm [U]
DLGS112_IN_FORCE = date(2017, 7, 20)


@dataclass(frozen=True)
class Category:
    code: DisadvantageCategory
    rule_set: RuleSet
    source: str
    effective_from: date
    effective_to: date | None = None
    relief: Relief = Relief.NONE
    very_disadvantaged: bool = False  # WISE: counted for at most 24 months, at most 1/3

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


ART4 = "L. 381/1991 art. 4(1)"
ART4_193 = "L. 381/1991 art. 4(1) as amended by L. 193/2000 art. 1"
WISE_SRC = "D.Lgs 112/2017 art. 2(4)"

C = DisadvantageCategory
CATEGORIES: tuple[Category, ...] = (
    Category(C.PHYSICAL, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.MENTAL, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.SENSORY, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.PSYCHIATRIC_FORMER, RuleSet.L381, ART4_193, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.PSYCHIATRIC_TREATMENT, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.ADDICTION, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.ALCOHOL, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.MINOR_FAMILY, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.ALTERNATIVE_MEASURE, RuleSet.L381, ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category(C.PRISONER, RuleSet.L381, ART4_193, L193_IN_FORCE, relief=Relief.REDUCED),
    Category(C.WISE_VERY_DISADVANTAGED, RuleSet.WISE, "Reg. (UE) 651/2014 art. 2(99); " + WISE_SRC,
             DLGS112_IN_FORCE, very_disadvantaged=True),
    Category(C.WISE_DISADVANTAGED, RuleSet.WISE, "Reg. (UE) 651/2014 art. 2(4); " + WISE_SRC,
             DLGS112_IN_FORCE),
    Category(C.WISE_DISABLED, RuleSet.WISE, "Reg. (UE) 651/2014 art. 2(3); L. 68/1999; " + WISE_SRC,
             DLGS112_IN_FORCE),
    Category(C.WISE_REFUGEE, RuleSet.WISE, "D.Lgs 251/2007; " + WISE_SRC, DLGS112_IN_FORCE),
    Category(C.WISE_HOMELESS, RuleSet.WISE, WISE_SRC + " (letter c)", DLGS112_IN_FORCE),
    Category(C.WISE_ART4_381, RuleSet.WISE, WISE_SRC + "(a)", DLGS112_IN_FORCE),
)  # fmt: skip
CERTIFIED: tuple[DisadvantageCategory, ...] = tuple(
    c for c in DisadvantageCategory if c is not DisadvantageCategory.WISE_ART4_381
)
# Code -> category for the codes of Law 381 (the 30 % and the relief), as stored.
LAW_381: dict[str, DisadvantageCategory] = {
    c.code.value: c.code for c in CATEGORIES if c.rule_set is RuleSet.L381
}

BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}

WISE_MAX_VERY_DISADVANTAGED_SHARE = (1, 3)  # of the 30 %: D.Lgs 112/2017 art. 2(5) [S]
WISE_MAX_VERY_DISADVANTAGED_MONTHS = 24  # from hiring [S]


def categories_at(day: date, rule_set: RuleSet) -> list[Category]:
    """The categories of ``rule_set`` in force on ``day``."""
    return [c for c in CATEGORIES if c.rule_set is rule_set and c.in_force_on(day)]


def category(code: str) -> Category | None:
    return BY_CODE.get(code)


def counts_for_l4_2(code: str, day: date) -> bool:
    """Whether a certificate of this category counts for the 30 % of a type B co-op on ``day``."""
    found = BY_CODE.get(code)
    return found is not None and found.rule_set is RuleSet.L381 and found.in_force_on(day)


def relief_kind(code: str, day: date) -> Relief:
    found = BY_CODE.get(code)
    if found is None or not found.in_force_on(day):
        return Relief.NONE
    return found.relief
