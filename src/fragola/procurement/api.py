"""The procurement API (mounted at /api/v1/procurement/): public bodies, a consortium's tenders
and contracts, and a member co-op's own lots.

Same rules as the pages: a consortium's staff manage its tenders (another consortium's are a
404); a member co-op's administrators read only their own shares, prices and hours.
"""

# No ``from __future__ import annotations``: Ninja reads real annotations.
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Id, Page, service_errors
from fragola.core.http import AuthedRequest
from fragola.procurement import selectors, services
from fragola.procurement.access import access_consortium, access_contract, access_tender
from fragola.procurement.models import (
    Contract,
    ContractLot,
    ContractShare,
    PublicBody,
    Tender,
    TenderState,
)
from fragola.procurement.schemas import (
    AwardIn,
    ContractIn,
    ContractOut,
    ExecutorIn,
    ExecutorOut,
    HoursOut,
    LotIn,
    LotOut,
    MoveIn,
    OwnLotOut,
    PriceIn,
    PublicBodyOut,
    ShareIn,
    ShareOut,
    TenderDetailOut,
    TenderIn,
    TenderOut,
)
from fragola.procurement.services.bids import ERR_NOT_MEMBER
from fragola.registry.models import Organisation

router = Router(tags=["procurement"])
ERR_NO_SUCH_BODY = _("No public body has this id.")

T = "/organisations/{organisation_id}/tenders/{tender_id}"


class BodyQuery(Schema):
    q: str = ""


@router.get("/public-bodies", response={200: list[PublicBodyOut]})
@paginate(Page)
def public_bodies(request: AuthedRequest, query: Query[BodyQuery]) -> QuerySet[PublicBody]:
    """Contracting authorities: public reference data, like the comuni."""
    return selectors.public_body_list(query=query.q[:100].replace("\x00", ""))


class StateQuery(Schema):
    state: TenderState | None = None


@router.get(
    "/organisations/{organisation_id}/tenders", response={200: list[TenderOut], **NOT_FOUND}
)
@paginate(Page)
def tender_list(
    request: AuthedRequest, organisation_id: Id, query: Query[StateQuery]
) -> QuerySet[Tender]:
    state = query.state.value if query.state else ""
    return selectors.tender_list(user=request.user, organisation_id=organisation_id, state=state)


def _detail(tender: Tender) -> TenderDetailOut:
    return TenderDetailOut.from_orm(tender).model_copy(
        update={
            "lots": [LotOut.from_orm(lot) for lot in tender.lots.order_by("number")],
            "executors": [ExecutorOut.from_orm(e) for e in selectors.executors_of(tender)],
        }
    )


@router.post("/organisations/{organisation_id}/tenders", response={201: TenderOut, **WRITE_ERRORS})
def tender_record(request: AuthedRequest, organisation_id: Id, payload: TenderIn) -> Status:
    consortium = access_consortium(request.user, organisation_id)
    values = payload.dict()
    body = PublicBody.objects.filter(pk=values.pop("body_id")).first()
    with service_errors():
        if body is None:
            raise ValidationError({"body_id": ERR_NO_SUCH_BODY})
        tender = services.tender_record(
            organisation=consortium, data=services.TenderData(body=body, **values)
        )
    return Status(201, tender)


@router.get(T, response={200: TenderDetailOut, **NOT_FOUND})
def tender_detail(request: AuthedRequest, organisation_id: Id, tender_id: Id) -> TenderDetailOut:
    return _detail(access_tender(request.user, organisation_id, tender_id))


@router.post(T + "/lots", response={201: LotOut, **WRITE_ERRORS})
def lot_add(request: AuthedRequest, organisation_id: Id, tender_id: Id, payload: LotIn) -> Status:
    tender = access_tender(request.user, organisation_id, tender_id)
    with service_errors():
        lot = services.lot_add(tender=tender, **payload.dict())
    return Status(201, lot)


@router.post(T + "/executors", response={201: ExecutorOut, **WRITE_ERRORS})
def executor_name(
    request: AuthedRequest, organisation_id: Id, tender_id: Id, payload: ExecutorIn
) -> Status:
    tender = access_tender(request.user, organisation_id, tender_id)
    coop = Organisation.objects.filter(pk=payload.coop_id).first()
    with service_errors():
        if coop is None:
            raise ValidationError({"coop_id": ERR_NOT_MEMBER})
        executor = services.executor_name(
            tender=tender, coop=coop, user=request.user, on=timezone.localdate()
        )
    return Status(201, executor)


@router.post(T + "/move", response={200: TenderOut, **WRITE_ERRORS})
def tender_move(
    request: AuthedRequest, organisation_id: Id, tender_id: Id, payload: MoveIn
) -> Tender:
    tender = access_tender(request.user, organisation_id, tender_id)
    with service_errors():
        return services.tender_move(
            tender=tender, to=payload.to.value, note=payload.note, user=request.user,
            on=timezone.localdate(),
        )  # fmt: skip


@router.post(T + "/award", response={200: TenderOut, **WRITE_ERRORS})
def tender_award(
    request: AuthedRequest, organisation_id: Id, tender_id: Id, payload: AwardIn
) -> Tender:
    tender = access_tender(request.user, organisation_id, tender_id)
    with service_errors():
        return services.tender_award(tender=tender, amount=payload.awarded_amount)


@router.post(T + "/contract", response={201: ContractOut, **WRITE_ERRORS})
def contract_record(
    request: AuthedRequest, organisation_id: Id, tender_id: Id, payload: ContractIn
) -> Status:
    tender = access_tender(request.user, organisation_id, tender_id)
    with service_errors():
        contract = services.contract_record(
            tender=tender, data=services.ContractData(**payload.dict())
        )
    return Status(201, contract)


@router.get(
    "/organisations/{organisation_id}/contracts", response={200: list[ContractOut], **NOT_FOUND}
)
@paginate(Page)
def contract_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[Contract]:
    return selectors.contract_list(user=request.user, organisation_id=organisation_id)


C = "/organisations/{organisation_id}/contracts/{contract_id}"


def _lot(contract: Contract, lot_id: int) -> ContractLot:
    lot = ContractLot.objects.filter(contract=contract, pk=lot_id).first()
    if lot is None:
        raise Http404("No such lot")
    return lot


@router.post(C + "/shares", response={200: ShareOut, **WRITE_ERRORS})
def share_set(
    request: AuthedRequest, organisation_id: Id, contract_id: Id, payload: ShareIn
) -> ContractShare:
    contract = access_contract(request.user, organisation_id, contract_id)
    lot = _lot(contract, payload.lot_id)
    coop = Organisation.objects.filter(pk=payload.coop_id).first()
    if coop is None:
        raise Http404("No such co-op")
    with service_errors():
        return services.contract_share_set(
            lot=lot, coop=coop, percent=payload.percent, hours_per_month=payload.hours_per_month
        )


@router.post(C + "/prices", response={200: dict, **WRITE_ERRORS})
def price_set(
    request: AuthedRequest, organisation_id: Id, contract_id: Id, payload: PriceIn
) -> dict[str, str]:
    contract = access_contract(request.user, organisation_id, contract_id)
    lot = _lot(contract, payload.lot_id)
    with service_errors():
        price = services.contract_price_set(
            lot=lot, service=payload.service.value, qualification=payload.qualification.value,
            price_per_hour=payload.price_per_hour,
        )  # fmt: skip
    return {"price_per_hour": str(price.price_per_hour)}


def _hours_out(rows: list[selectors.HoursRow]) -> list[HoursOut]:
    return [
        HoursOut(
            share_id=row.share.pk,
            coop_id=row.share.coop_id,
            lot=row.share.lot.number,
            month=row.month,
            contracted=row.contracted,
            delivered=row.delivered,
            percent=row.percent,
            alert=row.alert,
        )
        for row in rows
    ]


@router.get(C + "/hours", response={200: list[HoursOut], **NOT_FOUND})
def contract_hours(request: AuthedRequest, organisation_id: Id, contract_id: Id) -> list[HoursOut]:
    """Every share's hours of the last six months: contracted and delivered, with alerts."""
    contract = access_contract(request.user, organisation_id, contract_id)
    return _hours_out(selectors.contract_hours(contract, timezone.localdate()))


@router.get("/organisations/{organisation_id}/lots", response={200: list[OwnLotOut], **NOT_FOUND})
@paginate(Page)
def own_lots(request: AuthedRequest, organisation_id: Id) -> QuerySet[ContractShare]:
    """The co-op's own shares of contract lots (its administrators only)."""
    return selectors.own_lot_shares(user=request.user, organisation_id=organisation_id)


@router.get(
    "/organisations/{organisation_id}/lots/hours", response={200: list[HoursOut], **NOT_FOUND}
)
def own_hours(request: AuthedRequest, organisation_id: Id) -> list[HoursOut]:
    """The co-op's own hours of the last six months, lot by lot."""
    _coop, lots = selectors.own_lots(
        user=request.user, organisation_id=organisation_id, today=timezone.localdate()
    )
    return _hours_out([row for lot in lots for row in lot.rows])
