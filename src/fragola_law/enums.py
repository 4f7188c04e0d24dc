"""Enumerations shared by the rule inputs and results."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a rule status, not a password)
    WARNING = "warning"
    BREACH = "breach"
    NOT_APPLICABLE = "not_applicable"


class Severity(StrEnum):
    BREACH = "breach"
    WARNING = "warning"
    INFO = "info"


class CoopType(StrEnum):
    A = "A"
    B = "B"
    AB = "AB"
    CONSORTIUM = "consortium"


class LegalForm(StrEnum):
    SRL = "srl"
    SPA = "spa"


class MemberCategory(StrEnum):
    WORKER = "worker"
    VOLUNTEER = "volunteer"
    USER = "user"
    SUPPORTER = "supporter"
    LEGAL_PERSON = "legal_person"


class Branch(StrEnum):
    A = "A"
    B = "B"


class Contract(StrEnum):
    """Kind of work relationship; only those with an INPS position count as workers (L4.3)."""

    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    APPRENTICESHIP = "apprenticeship"
    OTHER_INPS = "other_inps"
    INTERNSHIP = "internship"
    VOLUNTEER = "volunteer"


class OrgKind(StrEnum):
    """Kind of a consortium's member organisation (rule L8)."""

    SOCIAL_COOP = "social_coop"
    SOCIAL_CONSORTIUM = "social_consortium"
    OTHER_COOP = "other_coop"
    OTHER = "other"


class DenominatorMode(StrEnum):
    """L4.3 setting: exclude the disadvantaged from the denominator (default) or not (strict)."""

    NON_DISADVANTAGED = "non_disadvantaged"
    TOTAL = "total"


WORKER_CONTRACTS: frozenset[Contract] = frozenset(
    {Contract.PERMANENT, Contract.FIXED_TERM, Contract.APPRENTICESHIP, Contract.OTHER_INPS}
)
SOCIAL_ORG_KINDS: frozenset[OrgKind] = frozenset({OrgKind.SOCIAL_COOP, OrgKind.SOCIAL_CONSORTIUM})
COOP_ORG_KINDS: frozenset[OrgKind] = SOCIAL_ORG_KINDS | {OrgKind.OTHER_COOP}
