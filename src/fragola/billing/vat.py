"""VAT on a co-op's invoice lines, decided from plain facts (pure: no Django, no app).

Each decision carries the rate or the Natura, the RiferimentoNormativo that goes in the XML, a
reason a person can read and its legal source (docs/billing.md, "VAT"). Numbers that change on
their own dates (the 5 % regime, the standard rate, split payment's EU authorisation, the stamp
duty) are tables of `fragola_law.Versioned` entries read with `value_at`: a change in the law is
a new entry, never an edit of an old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from fragola_law import NoValueInForce, Versioned, value_at

ZERO = Decimal("0.00")


class IssuerKind(StrEnum):
    SOCIAL_COOP = "social_coop"
    SOCIAL_COOP_CONSORTIUM = "social_coop_consortium"  # L. 381/1991 art. 8
    OTHER = "other"


class ServiceNature(StrEnum):
    """The numbers of art. 10 c.1 DPR 633/72 a care service falls under, or none."""

    HEALTH = "art10_18"  # n. 18: health care services
    HOSPITAL = "art10_19"  # n. 19: hospital and clinic stays
    EDUCATION = "art10_20"  # n. 20: education, training, vocational retraining
    RESIDENTIAL = "art10_21"  # n. 21: residential care (children's homes, holiday camps, ...)
    SOCIAL_CARE = "art10_27ter"  # n. 27-ter: social, health, home and community care
    OTHER = "other"  # anything else (a consortium's back-office services to its members, ...)


ART10_NUMBER = {
    ServiceNature.HEALTH: "18",
    ServiceNature.HOSPITAL: "19",
    ServiceNature.EDUCATION: "20",
    ServiceNature.RESIDENTIAL: "21",
    ServiceNature.SOCIAL_CARE: "27-ter",
}


class Recipient(StrEnum):
    """Who the service is for: the categories listed by Tabella A parte II-bis n. 1, or none."""

    ELDERLY = "elderly"
    ADULTS_UNABLE_TO_WORK = "adults_unable_to_work"
    ADDICTED = "addicted"
    AIDS = "aids"
    DISABLED = "disabled"
    MINORS = "minors"  # including minors in hardship or maladjusted
    MIGRANTS = "migrants"
    HOMELESS = "homeless"
    ASYLUM_SEEKERS = "asylum_seekers"
    PRISONERS = "prisoners"
    TRAFFICKING_VICTIMS = "trafficking_victims"  # women victims of trafficking for sexual purposes
    NOT_LISTED = "not_listed"


class Channel(StrEnum):
    DIRECT = "direct"  # billed to the user or their family
    CONTRACT = "contract"  # under a contract or a convention with a public body or another party


SOCIAL_ISSUERS = frozenset({IssuerKind.SOCIAL_COOP, IssuerKind.SOCIAL_COOP_CONSORTIUM})
LISTED = frozenset(Recipient) - {Recipient.NOT_LISTED}

SOURCE_5 = (
    "DPR 633/1972 Tabella A parte II-bis n. 1 (L. 208/2015 art. 1 c. 960); AdE circ. 31/E/2016"
)
SOURCE_22 = "DPR 633/1972 art. 16 c. 1 (rate as set by DL 76/2013)"
SOURCE_ONLUS = "DPR 633/1972 art. 10 c. 1 n. 27-ter; D.Lgs 460/1997 art. 10 c. 8 (ONLUS by law)"

# The 5 % of social co-operatives and their consortia (contracts made or renewed from 2016).
REDUCED_RATE: tuple[Versioned[Decimal], ...] = (
    Versioned("reduced_rate", date(2016, 1, 1), Decimal("5.00"), SOURCE_5),
)
STANDARD_RATE: tuple[Versioned[Decimal], ...] = (
    Versioned("standard_rate", date(2013, 10, 1), Decimal("22.00"), SOURCE_22),
)


class DecisionCode(StrEnum):
    REDUCED = "reduced"  # 5 %
    EXEMPT = "exempt"  # N4
    STANDARD = "standard"  # 22 %


@dataclass(frozen=True)
class LineFacts:
    issuer: IssuerKind
    nature: ServiceNature
    recipient: Recipient
    channel: Channel
    invoice_date: date


@dataclass(frozen=True)
class VatDecision:
    code: DecisionCode
    rate: Decimal  # AliquotaIVA, 2 decimals; 0.00 when exempt
    natura: str  # "" when taxed, else "N4"
    reference: str  # RiferimentoNormativo ("" when taxed)
    reason: str
    source: str


def decide_line(facts: LineFacts) -> VatDecision:
    """The VAT of one invoice line (raises NoValueInForce for dates before the 2016 regime)."""
    if facts.nature is ServiceNature.OTHER:
        return _standard(facts, "the service is not one of art. 10 c.1 nn. 18-21 and 27-ter")
    number = ART10_NUMBER[facts.nature]
    if facts.issuer in SOCIAL_ISSUERS and facts.recipient in LISTED:
        rate = value_at(REDUCED_RATE, facts.invoice_date)
        how = "directly" if facts.channel is Channel.DIRECT else "under a contract or convention"
        return VatDecision(
            DecisionCode.REDUCED,
            rate.value,
            "",
            "",
            f"{_issuer_words(facts.issuer)} supplying an art. 10 n. {number} service "
            f"{how} to a listed recipient ({facts.recipient.value.replace('_', ' ')})",
            rate.source,
        )
    if facts.nature is ServiceNature.SOCIAL_CARE and facts.issuer not in SOCIAL_ISSUERS:
        return _standard(
            facts, "the n. 27-ter exemption is for public bodies and ONLUS, not this issuer"
        )
    value_at(REDUCED_RATE, facts.invoice_date)  # the regime must be in force on that date
    reference = f"Esente art. 10 c.1 n. {number} DPR 633/72"
    who = (
        "the recipient is not in the list of Tabella A parte II-bis n. 1"
        if facts.issuer in SOCIAL_ISSUERS
        else "the 5 % is only for social co-operatives and their consortia"
    )
    source = (
        SOURCE_ONLUS
        if facts.nature is ServiceNature.SOCIAL_CARE
        else f"DPR 633/1972 art. 10 c. 1 n. {number}"
    )
    return VatDecision(
        DecisionCode.EXEMPT,
        ZERO,
        "N4",
        reference,
        f"an art. 10 n. {number} service, exempt: {who}",
        source,
    )


def _standard(facts: LineFacts, why: str) -> VatDecision:
    rate = value_at(STANDARD_RATE, facts.invoice_date)
    return VatDecision(DecisionCode.STANDARD, rate.value, "", "", f"22 %: {why}", rate.source)


def _issuer_words(kind: IssuerKind) -> str:
    if kind is IssuerKind.SOCIAL_COOP:
        return "a social co-operative"
    return "a consortium of social co-operatives"


# --- Split payment (art. 17-ter DPR 633/72) -------------------------------------------------


@dataclass(frozen=True)
class Authorisation:
    authorised: bool
    until: date | None  # the last day the authorisation covers, when known


SPLIT_PAYMENT: tuple[Versioned[Authorisation], ...] = (
    Versioned(
        "split_payment",
        date(2015, 1, 1),
        Authorisation(True, None),
        "DPR 633/1972 art. 17-ter (L. 190/2014 art. 1 c. 629); Council Implementing "
        "Decisions (EU) 2015/1401, 2017/784, 2020/1105",
    ),
    Versioned(
        "split_payment",
        date(2023, 7, 1),
        Authorisation(True, date(2026, 6, 30)),
        "DPR 633/1972 art. 17-ter; Council Implementing Decision (EU) 2023/1552 (until 30 June "
        "2026)",
    ),
    Versioned(
        "split_payment",
        date(2026, 7, 1),
        Authorisation(False, None),
        "Council Implementing Decision (EU) 2023/1552 expires on 30 June 2026; no renewal "
        "recorded in Fragola",
        note="Add a new entry here when the EU renews the authorisation.",
    ),
)


@dataclass(frozen=True)
class SplitPaymentDecision:
    applies: bool  # EsigibilitaIVA S on the taxed summaries; the body pays the net amount
    reason: str
    source: str


def decide_split_payment(
    *,
    public_body: bool,
    invoice_date: date,
    table: tuple[Versioned[Authorisation], ...] = SPLIT_PAYMENT,
) -> SplitPaymentDecision:
    """Whether the VAT of an invoice is paid by the public body to the Treasury (art. 17-ter)."""
    if not public_body:
        return SplitPaymentDecision(False, "the customer is not a public body", "")
    entry = value_at(table, invoice_date)
    if not entry.value.authorised:
        return SplitPaymentDecision(
            False,
            f"split payment is not authorised on {invoice_date.isoformat()}: VAT is charged "
            "and paid to the issuer (immediate, EsigibilitaIVA I)",
            entry.source,
        )
    return SplitPaymentDecision(
        True, "the customer is a public body: it pays the VAT to the Treasury", entry.source
    )


# --- Stamp duty ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StampDuty:
    threshold: Decimal  # due when the untaxed amount is strictly above it
    amount: Decimal


STAMP_DUTY: tuple[Versioned[StampDuty], ...] = (
    Versioned(
        "stamp_duty",
        date(2013, 6, 26),
        StampDuty(Decimal("77.47"), Decimal("2.00")),
        "DPR 642/1972 Tariffa parte I art. 13 n. 1 and Tabella B art. 6; DL 43/2013 art. 7-bis "
        "c. 3 (EUR 2.00); DM 17 June 2014 (virtual payment for e-invoices)",
    ),
)


@dataclass(frozen=True)
class StampDecision:
    due: bool
    amount: Decimal  # ImportoBollo, 0.00 when not due
    reason: str
    source: str


def decide_stamp_duty(*, untaxed_total: Decimal, invoice_date: date) -> StampDecision:
    """Stamp duty on an invoice whose exempt or out-of-scope amounts total ``untaxed_total``."""
    entry = value_at(STAMP_DUTY, invoice_date)
    rule = entry.value
    if untaxed_total > rule.threshold:
        return StampDecision(
            True,
            rule.amount,
            f"exempt or out-of-scope amounts of {untaxed_total} EUR are above {rule.threshold} EUR",
            entry.source,
        )
    return StampDecision(
        False,
        ZERO,
        f"exempt or out-of-scope amounts of {untaxed_total} EUR are not above {rule.threshold} EUR",
        entry.source,
    )


# --- Natura codes ----------------------------------------------------------------------------

GENERIC_NATURA = frozenset({"N2", "N3", "N6"})
DETAILED_NATURA_FROM = date(2021, 1, 1)
ERR_GENERIC_NATURA = (
    "Natura {natura} is refused by the SdI for invoices dated from 1 January 2021: use one of "
    "its detailed codes ({natura}.1, {natura}.2, ...)."
)
NATURA_SOURCE = "AdE provvedimento 99922/2020; specifiche tecniche FatturaPA 1.6.1"


class GenericNaturaError(ValueError):
    """A generic Natura (N2, N3, N6) on an invoice dated from 1 Jan 2021."""


def check_natura(natura: str, invoice_date: date) -> None:
    """Refuse the generic N2, N3, N6 codes the SdI rejects from 1 January 2021."""
    if natura in GENERIC_NATURA and invoice_date >= DETAILED_NATURA_FROM:
        raise GenericNaturaError(ERR_GENERIC_NATURA.format(natura=natura))


__all__ = [
    "Channel",
    "DecisionCode",
    "GenericNaturaError",
    "IssuerKind",
    "LineFacts",
    "NoValueInForce",
    "Recipient",
    "ServiceNature",
    "SplitPaymentDecision",
    "StampDecision",
    "VatDecision",
    "check_natura",
    "decide_line",
    "decide_split_payment",
    "decide_stamp_duty",
]
