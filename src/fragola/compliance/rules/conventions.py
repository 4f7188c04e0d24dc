"""Conventions with public bodies (L. 381 art. 5) and reserved contracts (D.Lgs 36/2023 art. 61).

Pure functions over plain values. Each returns an ``Eligibility``: the verdict and, for every
criterion, pass or fail with an explanation in Italian and English that cites its rule
(L5.1, L5.2, L5.3, P1) and legal source. Thresholds come from ``params`` (versioned).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from . import params

SRC_L5_1 = "L. 381/1991 art. 5(1)"
SRC_L5_2 = "L. 381/1991 art. 5(2) and art. 9"
SRC_L5_3 = "L. 190/2014 art. 1(610); ANAC guidelines 2012"


class ObjectKind(StrEnum):
    GREEN_MAINTENANCE = "green_maintenance"
    CLEANING = "cleaning"
    WASTE = "waste"
    BUILDING_MAINTENANCE = "building_maintenance"
    LOGISTICS = "logistics"
    CATERING = "catering"
    OTHER_SERVICES = "other_services"
    GOODS = "goods"
    SOCIAL_HEALTH = "social_health"
    EDUCATIONAL = "educational"


EXCLUDED_OBJECTS = frozenset({ObjectKind.SOCIAL_HEALTH, ObjectKind.EDUCATIONAL})


@dataclass(frozen=True)
class Criterion:
    code: str  # stable id: "type", "register", "object", "value", "job_plan", "selection"...
    rule: str  # L5.1, L5.2, L5.3, P1
    passed: bool
    explanation_it: str
    explanation_en: str
    source: str

    def explanation(self, lang: str = "it") -> str:
        return self.explanation_it if lang == "it" else self.explanation_en


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    criteria: tuple[Criterion, ...]

    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.passed]

    def by_code(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)


def euro(amount: Decimal, lang: str) -> str:
    text = f"{amount:,.2f}"
    if lang == "it":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def as_decimal(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def pct(value: Fraction | Decimal, lang: str) -> str:
    text = f"{as_decimal(value) * 100:.1f}"
    return (text.replace(".", ",") if lang == "it" else text) + " %"


def _c(code: str, rule: str, ok: bool, it: str, en: str, source: str) -> Criterion:
    return Criterion(code, rule, ok, f"{rule} ({source}): {it}", f"{rule} ({source}): {en}", source)


def _type(coop_type: str) -> Criterion:
    ok = coop_type in ("B", "AB", "consortium")
    it = {
        "B": "cooperativa di tipo B.",
        "AB": "cooperativa mista A+B: la convenzione riguarda il ramo B.",
        "consortium": "consorzio (art. 8), può stipulare se iscritto all'albo.",
    }.get(coop_type, f"la cooperativa è di tipo {coop_type}: solo il tipo B può convenzionarsi.")
    en = {
        "B": "type B co-op.",
        "AB": "mixed A+B co-op: the convention concerns the B branch.",
        "consortium": "consortium (art. 8), may sign if enrolled in the register.",
    }.get(coop_type, f"the co-op is type {coop_type}: only type B may sign a convention.")
    return _c("type", "L5.1", ok, it, en, SRC_L5_1)


def _register(coop_type: str, section: str, number: str) -> Criterion:
    """Section B (C for an art. 8 consortium); a mixed co-op is enrolled in A and B (L9)."""
    wanted = {"consortium": ("C",), "AB": ("A", "B")}.get(coop_type, ("B",))
    number = number.strip()
    ok = bool(number) and section in wanted
    if ok:
        it = f"iscritta all'albo regionale, sezione {section}, n. {number}."
        en = f"enrolled in the regional register, section {section}, no. {number}."
    elif not number:
        it = "nessun numero di iscrizione all'albo regionale."
        en = "no regional register number."
    else:
        it = f"iscritta in sezione {section or '—'}, serve la sezione {'/'.join(wanted)}."
        en = f"enrolled in section {section or '—'}; section {'/'.join(wanted)} is required."
    return _c("register", "L5.2", ok, it, en, SRC_L5_2)


def _object(kind: ObjectKind) -> Criterion:
    ok = kind not in EXCLUDED_OBJECTS
    it = (
        "oggetto diverso dai servizi socio-sanitari ed educativi."
        if ok
        else "i servizi socio-sanitari ed educativi sono esclusi dalle convenzioni."
    )
    en = (
        "the object is not a social-health or educational service."
        if ok
        else "social-health and educational services are excluded from conventions."
    )
    return _c("object", "L5.1", ok, it, en, SRC_L5_1)


def _value(value: Decimal, on: date) -> Criterion:
    threshold = params.value_at(params.EU_THRESHOLD, on)
    ok = Decimal(0) < value < threshold.value
    op = "<" if value < threshold.value else "≥"
    day_it, day_en = on.strftime("%d/%m/%Y"), on.isoformat()
    it = (
        f"importo netto IVA {euro(value, 'it')} {op} soglia UE {euro(threshold.value, 'it')} "
        f"in vigore il {day_it} ({threshold.source})."
    )
    en = (
        f"value net of VAT {euro(value, 'en')} {op} EU threshold {euro(threshold.value, 'en')} "
        f"in force on {day_en} ({threshold.source})."
    )
    if value <= 0:
        it, en = "l'importo deve essere positivo.", "the value must be positive."
    return _c("value", "L5.1", ok, it, en, SRC_L5_1)


def _job_plan(attached: bool) -> Criterion:
    it = (
        "piano di inserimento lavorativo allegato."
        if attached
        else "manca il piano di inserimento."
    )
    en = "job-creation plan attached." if attached else "the job-creation plan is missing."
    return _c("job_plan", "L5.1", attached, it, en, SRC_L5_1)


def _selection(recorded: bool) -> Criterion:
    it = (
        "procedura di selezione registrata (avviso, invitati, punteggi)."
        if recorded
        else "registrare la procedura di selezione: avviso, invitati e punteggi."
    )
    en = (
        "selection procedure recorded (notice, invitees, scoring)."
        if recorded
        else "record the selection procedure: notice, invitees and scoring."
    )
    return _c("selection", "L5.3", recorded, it, en, SRC_L5_3)


def convention_eligibility(
    *,
    on: date,
    coop_type: str,
    register_section: str,
    register_number: str,
    object_kind: ObjectKind,
    value_net_of_vat: Decimal,
    has_job_plan: bool,
    selection_recorded: bool,
) -> Eligibility:
    """May this co-op sign an art. 5 convention of this object and value on ``on``?"""
    criteria = (
        _type(coop_type),
        _register(coop_type, register_section, register_number),
        _object(object_kind),
        _value(value_net_of_vat, on),
        _job_plan(has_job_plan),
        _selection(selection_recorded),
    )
    return Eligibility(all(c.passed for c in criteria), criteria)


@dataclass(frozen=True)
class GroupMember:
    """A bidder, or a member of a grouping (RTI) or consortium, in a reserved contract."""

    name: str
    disadvantaged: Fraction | Decimal  # share of disadvantaged workers (L4.3 computation)
    integration_aim: bool = True  # main aim: integrating disabled or disadvantaged persons


def _member(member: GroupMember, minimum: params.Versioned[Decimal]) -> Criterion:
    share = member.disadvantaged
    share_dec = as_decimal(share)
    ok = share_dec >= minimum.value and member.integration_aim
    op = "≥" if share_dec >= minimum.value else "<"
    it = (
        f"{member.name}: lavoratori svantaggiati {pct(share, 'it')} {op} {pct(minimum.value, 'it')}"
    )
    en = f"{member.name}: disadvantaged workers {pct(share, 'en')} {op} {pct(minimum.value, 'en')}"
    if not member.integration_aim:
        it += "; l'inserimento lavorativo non è lo scopo principale"
        en += "; work integration is not its main aim"
    return _c(f"member:{member.name}", "P1", ok, it + ".", en + ".", minimum.source)


def reserved_contract_eligibility(*, on: date, members: list[GroupMember]) -> Eligibility:
    """Art. 61 reserved contract: EACH member of the grouping needs ≥ 30 % and the aim (P1)."""
    minimum = params.value_at(params.RESERVED_MIN_SHARE, on)
    criteria = tuple(_member(m, minimum) for m in members)
    if not criteria:
        empty = _c("members", "P1", False, "nessun operatore.", "no operator.", minimum.source)
        return Eligibility(False, (empty,))
    return Eligibility(all(c.passed for c in criteria), criteria)
