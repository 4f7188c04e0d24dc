"""Tenders: recording, the pipeline's moves, lots and the award (D.Lgs 36/2023).

The law's guards on the award criteria (art. 108, P3): a social-services tender is never awarded
on lowest price alone; a labour-intensive one gives price at most 30 points of 100.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from fragola.care.models import ServiceKind
from fragola.core.access import UserLike
from fragola.procurement.models import (
    TRANSITIONS,
    Criterion,
    Procedure,
    PublicBody,
    Tender,
    TenderFeed,
    TenderLot,
    TenderState,
)
from fragola.procurement.services.bids import ERR_TENDER_CLOSED, OPEN_STATES, executors_recheck
from fragola.registry.models import Comune, Organisation

ERR_NOT_CONSORTIUM = _("Only a consortium records tenders here.")
ERR_TITLE = _("Give the tender's title.")
ERR_CIG = _("A CIG has 10 capital letters or digits.")
ERR_CIG_TAKEN = _("A tender with this CIG is already recorded.")
ERR_CUP = _("A CUP has 15 capital letters or digits.")
ERR_CPV = _("A CPV code is written 8 digits, a dash and a check digit (85310000-5).")
ERR_PROCEDURE = _("Unknown procedure.")
ERR_CRITERION = _("Unknown award criterion.")
ERR_LOWEST_PRICE_SOCIAL = _(
    "A social-services tender cannot be awarded on lowest price (D.Lgs 36/2023 art. 108 c.2)."
)
ERR_PRICE_POINTS_CAP = _(
    "A labour-intensive tender gives price at most 30 points (D.Lgs 36/2023 art. 108 c.4)."
)
ERR_POINTS_RANGE = _("Points go from 0 to 100.")
ERR_POINTS_TOTAL = _("Quality and price points add up to 100.")
ERR_AMOUNT = _("The amount cannot be negative.")
ERR_LABOUR_COST = _("The declared labour cost cannot exceed the base amount.")
ERR_CLARIFICATIONS_AFTER_SUBMISSION = _("Clarifications are due before the submission deadline.")
ERR_OPENING_BEFORE_SUBMISSION = _("The bids are opened after the submission deadline.")
ERR_TRANSITION = _("A tender cannot go from “%(from)s” to “%(to)s”.")
ERR_NO_EXECUTORS = _("Name at least one executing co-op before submitting.")
ERR_AWARDED_AMOUNT = _("Give the awarded amount (not negative, at most the base amount).")
ERR_LOT_NUMBER_TAKEN = _("This tender already has a lot with this number.")
ERR_LOT_SERVICE = _("Unknown service.")
ERR_LOTS_OVER_BASE = _("The lots together exceed the tender's base amount.")

CIG = re.compile(r"^[A-Z0-9]{10}$")
CUP = re.compile(r"^[A-Z0-9]{15}$")
CPV = re.compile(r"^\d{8}-\d$")
PRICE_POINTS_CAP = Decimal(30)  # art. 108 c.4, Allegato I.1 art. 2 c.1 lett. e (P3)
ALL_POINTS = Decimal(100)


@dataclass(frozen=True, kw_only=True)
class TenderData:
    body: PublicBody
    title: str
    procedure: str
    base_amount: Decimal
    quality_points: Decimal = Decimal(70)
    price_points: Decimal = Decimal(30)
    criterion: str = Criterion.BEST_VALUE
    social_services: bool = True
    labour_intensive: bool = True
    cig: str = ""
    cup: str = ""
    cpv: str = ""
    labour_cost: Decimal = Decimal("0.00")
    ccnl: str = ""
    clarifications_due: dt.datetime | None = None
    submission_due: dt.datetime | None = None
    opening_at: dt.datetime | None = None
    requirements: str = ""
    documents_url: str = ""


def _codes(data: TenderData, errors: dict[str, object]) -> None:
    for name, pattern, message in (
        ("cig", CIG, ERR_CIG),
        ("cup", CUP, ERR_CUP),
        ("cpv", CPV, ERR_CPV),
    ):
        value = getattr(data, name)
        if value and not pattern.match(value):
            errors[name] = message


def _criteria(data: TenderData, errors: dict[str, object]) -> None:
    if data.criterion not in Criterion.values:
        errors["criterion"] = ERR_CRITERION
    elif data.social_services and data.criterion == Criterion.LOWEST_PRICE:
        errors["criterion"] = ERR_LOWEST_PRICE_SOCIAL
    for name in ("quality_points", "price_points"):
        if not Decimal(0) <= getattr(data, name) <= ALL_POINTS:
            errors[name] = ERR_POINTS_RANGE
    if errors.keys() & {"quality_points", "price_points"}:
        return
    if data.labour_intensive and data.price_points > PRICE_POINTS_CAP:
        errors["price_points"] = ERR_PRICE_POINTS_CAP
    elif data.quality_points + data.price_points != ALL_POINTS:
        errors["quality_points"] = ERR_POINTS_TOTAL


def _amounts_and_dates(data: TenderData, errors: dict[str, object]) -> None:
    if data.base_amount < 0:
        errors["base_amount"] = ERR_AMOUNT
    if data.labour_cost < 0:
        errors["labour_cost"] = ERR_AMOUNT
    elif data.base_amount >= 0 and data.labour_cost > data.base_amount:
        errors["labour_cost"] = ERR_LABOUR_COST
    clarifications, submission, opening = (
        data.clarifications_due,
        data.submission_due,
        data.opening_at,
    )
    if clarifications and submission and clarifications > submission:
        errors["clarifications_due"] = ERR_CLARIFICATIONS_AFTER_SUBMISSION
    if opening and submission and opening < submission:
        errors["opening_at"] = ERR_OPENING_BEFORE_SUBMISSION


def tender_check(*, organisation: Organisation, data: TenderData, tender: Tender | None) -> None:
    """Every rule of a tender's data, each error naming its field."""
    errors: dict[str, object] = {}
    if not data.title.strip():
        errors["title"] = ERR_TITLE
    if data.procedure not in Procedure.values:
        errors["procedure"] = ERR_PROCEDURE
    _codes(data, errors)
    _criteria(data, errors)
    _amounts_and_dates(data, errors)
    if data.cig and "cig" not in errors:
        same = Tender.objects.filter(organisation=organisation, cig=data.cig)
        if tender is not None:
            same = same.exclude(pk=tender.pk)
        if same.exists():
            errors["cig"] = ERR_CIG_TAKEN
    if errors:
        raise ValidationError(errors)


def _code(value: str) -> str:
    return "".join(value.split()).upper()


def _normalised(data: TenderData) -> TenderData:
    return replace(data, cig=_code(data.cig), cup=_code(data.cup), title=data.title.strip())


def asdict_shallow(data: TenderData) -> dict[str, object]:
    return {name: getattr(data, name) for name in TenderData.__dataclass_fields__}


@transaction.atomic
def tender_record(*, organisation: Organisation, data: TenderData) -> Tender:
    if not organisation.is_consortium:
        raise ValidationError({"organisation": ERR_NOT_CONSORTIUM})
    data = _normalised(data)
    tender_check(organisation=organisation, data=data, tender=None)
    tender = Tender(organisation=organisation, **asdict_shallow(data))
    tender.full_clean()
    tender.save()
    return tender


@transaction.atomic
def tender_update(*, tender: Tender, data: TenderData) -> Tender:
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if tender.state not in OPEN_STATES:
        raise ValidationError({"state": ERR_TENDER_CLOSED})
    data = _normalised(data)
    tender_check(organisation=tender.organisation, data=data, tender=tender)
    values = asdict_shallow(data)
    for name, value in values.items():
        setattr(tender, name, value)
    tender.full_clean()
    tender.save(update_fields=[*values, "updated_at"])
    return tender


def _transition_error(tender: Tender, to: str) -> ValidationError:
    labels = dict(TenderState.choices)
    params = {"from": labels.get(tender.state, tender.state), "to": labels.get(to, to)}
    return ValidationError({"state": str(ERR_TRANSITION) % params})


@transaction.atomic
def tender_move(*, tender: Tender, to: str, user: UserLike, on: dt.date, note: str = "") -> Tender:
    """Move a tender along its pipeline: watching → go/no-go → preparing → submitted.

    The award goes through ``tender_award``, the contract through ``contract_record``.
    """
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if to not in TRANSITIONS.get(tender.state, ()) or to in {
        TenderState.AWARDED,
        TenderState.CONTRACT,
    }:
        raise _transition_error(tender, to)
    if to == TenderState.SUBMITTED:
        if not tender.executors.exists():
            raise ValidationError({"executors": ERR_NO_EXECUTORS})
        executors_recheck(tender=tender, user=user, on=on)
    tender.state = to
    if note:
        tender.decision_note = note.strip()
    tender.save(update_fields=["state", "decision_note", "updated_at"])
    return tender


@transaction.atomic
def tender_award(*, tender: Tender, amount: Decimal | None) -> Tender:
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if TenderState.AWARDED not in TRANSITIONS.get(tender.state, ()):
        raise _transition_error(tender, TenderState.AWARDED)
    if amount is None or not 0 <= amount <= tender.base_amount or amount != round(amount, 2):
        raise ValidationError({"awarded_amount": ERR_AWARDED_AMOUNT})
    tender.state = TenderState.AWARDED
    tender.awarded_amount = amount
    tender.save(update_fields=["state", "awarded_amount", "updated_at"])
    return tender


@transaction.atomic
def lot_add(
    *,
    tender: Tender,
    number: int,
    title: str,
    service: str,
    hours: Decimal,
    base_amount: Decimal,
    comuni: Iterable[Comune] = (),
) -> TenderLot:
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    errors: dict[str, object] = {}
    if tender.state not in OPEN_STATES:
        errors["state"] = ERR_TENDER_CLOSED
    if not title.strip():
        errors["title"] = ERR_TITLE
    if service not in ServiceKind.values:
        errors["service"] = ERR_LOT_SERVICE
    if hours < 0:
        errors["hours"] = ERR_AMOUNT
    if base_amount < 0:
        errors["base_amount"] = ERR_AMOUNT
    elif _lots_total(tender) + base_amount > tender.base_amount:
        errors["base_amount"] = ERR_LOTS_OVER_BASE
    if TenderLot.objects.filter(tender=tender, number=number).exists():
        errors["number"] = ERR_LOT_NUMBER_TAKEN
    if errors:
        raise ValidationError(errors)
    lot = TenderLot(
        tender=tender,
        number=number,
        title=title.strip(),
        service=service,
        hours=hours,
        base_amount=base_amount,
    )
    lot.full_clean()
    lot.save()
    lot.comuni.set(list(comuni))
    return lot


def _lots_total(tender: Tender) -> Decimal:
    total = TenderLot.objects.filter(tender=tender).aggregate(s=Sum("base_amount"))["s"]
    return total or Decimal(0)


@transaction.atomic
def tender_feed_get(*, organisation: Organisation) -> TenderFeed:
    """The consortium's calendar feed of tender deadlines, made on first use."""
    feed, _created = TenderFeed.objects.get_or_create(organisation=organisation)
    return feed
