"""Contracts: an award becomes the one contract that care commissions and type B work contracts
refer to, with its lots, prices and the executing co-ops' shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Commission, Qualification, ServiceKind
from fragola.integration.models import WorkContract
from fragola.procurement.models import (
    CommissionLink,
    Contract,
    ContractLot,
    ContractPrice,
    ContractShare,
    Executor,
    Tender,
    TenderState,
    WorkContractLink,
)
from fragola.procurement.services.tenders import CUP, ERR_AMOUNT, ERR_CUP, ERR_LOT_SERVICE
from fragola.registry.models import Organisation

ERR_NOT_AWARDED = _("Only an awarded tender becomes a contract.")
ERR_CONTRACT_CIG = _("The tender needs its CIG before it becomes a contract.")
ERR_CONTRACT_NUMBER = _("Give the contract number.")
ERR_CONTRACT_NUMBER_TAKEN = _("A contract with this number is already recorded.")
ERR_COMMITMENT_NUMBER = _("Give the number of the commitment decision (determina d'impegno).")
ERR_CONTRACT_ENDS_BEFORE_START = _("The contract cannot end before it starts.")
ERR_CONTRACT_LOT_TAKEN = _("This contract already has a lot with this number.")
ERR_QUALIFICATION = _("Unknown qualification.")
ERR_PRICE = _("A price per hour is greater than zero.")
ERR_NOT_EXECUTOR = _("Only a co-op named for the tender executes its lots.")
ERR_SHARE_RANGE = _("A share is more than 0 % and at most 100 %.")
ERR_SHARES_OVER_100 = _("The co-ops' shares of a lot add up to more than 100 %.")
ERR_COMMISSION_OTHER_COOP = _("This commission belongs to another co-op.")
ERR_COMMISSION_LINKED = _("This commission is already under a contract.")
ERR_WORK_CONTRACT_OTHER_COOP = _("This work contract belongs to another co-op.")
ERR_WORK_CONTRACT_LINKED = _("This work contract is already under a contract.")

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True, kw_only=True)
class ContractData:
    number: str
    signed_on: dt.date
    commitment_number: str
    commitment_date: dt.date
    starts_on: dt.date
    ends_on: dt.date
    amount: Decimal
    cup: str = ""


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months touched by ``start``..``end`` (inclusive), at least one."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def _contract_errors(tender: Tender, data: ContractData) -> dict[str, object]:
    errors: dict[str, object] = {}
    if tender.state != TenderState.AWARDED:
        errors["state"] = ERR_NOT_AWARDED
    if not tender.cig:
        errors["cig"] = ERR_CONTRACT_CIG
    if not data.number.strip():
        errors["number"] = ERR_CONTRACT_NUMBER
    elif Contract.objects.filter(
        organisation_id=tender.organisation_id, number=data.number.strip()
    ).exists():
        errors["number"] = ERR_CONTRACT_NUMBER_TAKEN
    if not data.commitment_number.strip():
        errors["commitment_number"] = ERR_COMMITMENT_NUMBER
    if data.ends_on < data.starts_on:
        errors["ends_on"] = ERR_CONTRACT_ENDS_BEFORE_START
    if data.amount < 0:
        errors["amount"] = ERR_AMOUNT
    if data.cup and not CUP.match(data.cup):
        errors["cup"] = ERR_CUP
    return errors


@transaction.atomic
def contract_record(*, tender: Tender, data: ContractData) -> Contract:
    """The awarded tender becomes a contract; its lots come over with their monthly hours."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    data = ContractData(**{**data.__dict__, "cup": "".join(data.cup.split()).upper() or tender.cup})
    errors = _contract_errors(tender, data)
    if errors:
        raise ValidationError(errors)
    contract = Contract(
        tender=tender,
        organisation_id=tender.organisation_id,
        cig=tender.cig,
        cup=data.cup,
        number=data.number.strip(),
        signed_on=data.signed_on,
        commitment_number=data.commitment_number.strip(),
        commitment_date=data.commitment_date,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        amount=data.amount,
    )
    contract.full_clean()
    contract.save()
    months = Decimal(months_between(data.starts_on, data.ends_on))
    # Each lot's value: its base amount scaled like the whole (the awarded discount).
    scale = data.amount / tender.base_amount if tender.base_amount else Decimal(0)
    for lot in tender.lots.all():
        contract_lot_add(
            contract=contract,
            number=lot.number,
            title=lot.title,
            service=lot.service,
            hours_per_month=(lot.hours / months).quantize(CENT, ROUND_HALF_UP),
            amount=(lot.base_amount * scale).quantize(CENT, ROUND_HALF_UP),
        )
    tender.state = TenderState.CONTRACT
    tender.save(update_fields=["state", "updated_at"])
    return contract


@transaction.atomic
def contract_lot_add(
    *,
    contract: Contract,
    number: int,
    title: str,
    service: str,
    hours_per_month: Decimal,
    amount: Decimal = Decimal("0.00"),
) -> ContractLot:
    errors: dict[str, object] = {}
    if service not in ServiceKind.values:
        errors["service"] = ERR_LOT_SERVICE
    if hours_per_month < 0:
        errors["hours_per_month"] = ERR_AMOUNT
    if amount < 0:
        errors["amount"] = ERR_AMOUNT
    if ContractLot.objects.filter(contract=contract, number=number).exists():
        errors["number"] = ERR_CONTRACT_LOT_TAKEN
    if errors:
        raise ValidationError(errors)
    lot = ContractLot(
        contract=contract,
        number=number,
        title=title.strip(),
        service=service,
        hours_per_month=hours_per_month,
        amount=amount,
    )
    lot.full_clean()
    lot.save()
    return lot


@transaction.atomic
def contract_price_set(
    *, lot: ContractLot, service: str, qualification: str, price_per_hour: Decimal
) -> ContractPrice:
    """The hourly price of a service and qualification in a lot (set again: replaced)."""
    errors: dict[str, object] = {}
    if service not in ServiceKind.values:
        errors["service"] = ERR_LOT_SERVICE
    if qualification not in Qualification.values:
        errors["qualification"] = ERR_QUALIFICATION
    if price_per_hour <= 0:
        errors["price_per_hour"] = ERR_PRICE
    if errors:
        raise ValidationError(errors)
    price, _created = ContractPrice.objects.update_or_create(
        lot=lot,
        service=service,
        qualification=qualification,
        defaults={"price_per_hour": price_per_hour},
    )
    return price


@transaction.atomic
def contract_share_set(
    *, lot: ContractLot, coop: Organisation, percent: Decimal, hours_per_month: Decimal
) -> ContractShare:
    """A named co-op's share of a lot and its hours per month (set again: replaced)."""
    lot = ContractLot.objects.select_for_update().select_related("contract").get(pk=lot.pk)
    errors: dict[str, object] = {}
    if not Executor.objects.filter(tender_id=lot.contract.tender_id, coop=coop).exists():
        errors["coop"] = ERR_NOT_EXECUTOR
    if not Decimal(0) < percent <= HUNDRED:
        errors["percent"] = ERR_SHARE_RANGE
    else:
        others = ContractShare.objects.filter(lot=lot).exclude(coop=coop)
        taken = others.aggregate(s=Sum("percent"))["s"] or Decimal(0)
        if taken + percent > HUNDRED:
            errors["percent"] = ERR_SHARES_OVER_100
    if hours_per_month < 0:
        errors["hours_per_month"] = ERR_AMOUNT
    if errors:
        raise ValidationError(errors)
    share, _created = ContractShare.objects.update_or_create(
        lot=lot, coop=coop, defaults={"percent": percent, "hours_per_month": hours_per_month}
    )
    return share


@transaction.atomic
def commission_link(*, share: ContractShare, commission: Commission) -> CommissionLink:
    """Care's commission is delivered under this co-op's share of the lot."""
    owner = commission.service_user.organisation_id
    if owner != share.coop_id:
        raise ValidationError({"commission": ERR_COMMISSION_OTHER_COOP})
    if CommissionLink.objects.filter(commission=commission).exists():
        raise ValidationError({"commission": ERR_COMMISSION_LINKED})
    return CommissionLink.objects.create(share=share, commission=commission)


@transaction.atomic
def work_contract_link(*, share: ContractShare, work_contract: WorkContract) -> WorkContractLink:
    """A type B work contract (its job sites) executes this co-op's share of the lot."""
    if work_contract.organisation_id != share.coop_id:
        raise ValidationError({"work_contract": ERR_WORK_CONTRACT_OTHER_COOP})
    if WorkContractLink.objects.filter(work_contract=work_contract).exists():
        raise ValidationError({"work_contract": ERR_WORK_CONTRACT_LINKED})
    return WorkContractLink.objects.create(share=share, work_contract=work_contract)
