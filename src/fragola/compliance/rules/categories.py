"""Who counts as a disadvantaged worker: two rule sets, versioned, as data (L4.1, L-WISE).

- ``L381`` is Law 381/1991 art. 4(1) as amended by L. 193/2000: it governs the 30 % of a type B
  co-op (L4.2) and the contribution relief (L4.5). Its codes are the workforce certificate codes
  (``fragola.workforce.models.DisadvantageCategory``), so a certificate names its category once.
- ``WISE`` is D.Lgs 112/2017 art. 2(4)-(5) for work-integration social enterprises; for type B
  co-ops the L. 381 list still governs the 30 % and the relief (domain spec L-WISE, [U]).

A category applies from ``effective_from`` to ``effective_to`` (inclusive, ``None`` = open).
A change in the law is a new entry, never an edit of an old one. Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
    code: str
    rule_set: RuleSet
    label_it: str
    label_en: str
    source: str
    effective_from: date
    effective_to: date | None = None
    relief: Relief = Relief.NONE
    very_disadvantaged: bool = False  # WISE: counted for at most 24 months, at most 1/3

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def label(self, lang: str = "it") -> str:
        return self.label_it if lang == "it" else self.label_en


ART4 = "L. 381/1991 art. 4(1)"
ART4_193 = "L. 381/1991 art. 4(1) as amended by L. 193/2000 art. 1"
WISE_SRC = "D.Lgs 112/2017 art. 2(4)"

CATEGORIES: tuple[Category, ...] = (
    Category("physical", RuleSet.L381, "Invalidità fisica", "Physical disability", ART4,
             L381_IN_FORCE, relief=Relief.ZERO),
    Category("mental", RuleSet.L381, "Invalidità psichica", "Mental disability", ART4,
             L381_IN_FORCE, relief=Relief.ZERO),
    Category("sensory", RuleSet.L381, "Invalidità sensoriale", "Sensory disability", ART4,
             L381_IN_FORCE, relief=Relief.ZERO),
    Category("psychiatric_former", RuleSet.L381, "Ex degente di ospedale psichiatrico",
             "Former psychiatric hospital patient", ART4_193, L381_IN_FORCE, relief=Relief.ZERO),
    Category("psychiatric_treatment", RuleSet.L381, "Soggetto in trattamento psichiatrico",
             "In psychiatric treatment", ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category("addiction", RuleSet.L381, "Tossicodipendente", "Drug addiction", ART4,
             L381_IN_FORCE, relief=Relief.ZERO),
    Category("alcohol", RuleSet.L381, "Alcolista", "Alcoholism", ART4, L381_IN_FORCE,
             relief=Relief.ZERO),
    Category("minor_family", RuleSet.L381, "Minore in età lavorativa in difficoltà familiare",
             "Working-age minor in family difficulty", ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category("alternative_measure", RuleSet.L381, "Condannato in misura alternativa",
             "Convict on an alternative to detention", ART4, L381_IN_FORCE, relief=Relief.ZERO),
    Category("prisoner", RuleSet.L381, "Detenuto o internato (anche lavoro esterno, art. 21 O.P.)",
             "Prisoner or internee (incl. outside work, art. 21 O.P.)", ART4_193, L193_IN_FORCE,
             relief=Relief.REDUCED),
    Category("wise_very_disadvantaged", RuleSet.WISE, "Lavoratore molto svantaggiato",
             "Very disadvantaged worker", "Reg. (UE) 651/2014 art. 2(99); " + WISE_SRC,
             DLGS112_IN_FORCE, very_disadvantaged=True),
    Category("wise_disadvantaged", RuleSet.WISE, "Lavoratore svantaggiato",
             "Disadvantaged worker", "Reg. (UE) 651/2014 art. 2(4); " + WISE_SRC,
             DLGS112_IN_FORCE),
    Category("wise_disabled", RuleSet.WISE, "Persona con disabilità", "Person with a disability",
             "Reg. (UE) 651/2014 art. 2(3); L. 68/1999; " + WISE_SRC, DLGS112_IN_FORCE),
    Category("wise_refugee", RuleSet.WISE, "Titolare di protezione internazionale",
             "Refugee or beneficiary of international protection",
             "D.Lgs 251/2007; " + WISE_SRC, DLGS112_IN_FORCE),
    Category("wise_homeless", RuleSet.WISE, "Persona senza fissa dimora in povertà",
             "Homeless person in poverty", WISE_SRC + " (letter c)", DLGS112_IN_FORCE),
    Category("wise_art4_381", RuleSet.WISE, "Svantaggiato ex art. 4 L. 381/1991",
             "Disadvantaged under L. 381/1991 art. 4", WISE_SRC + "(a)", DLGS112_IN_FORCE),
)  # fmt: skip

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
