"""What the procurement API reads and answers."""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import AwareDatetime

from fragola.care.models import Qualification, ServiceKind
from fragola.core.api import Date, Id, InputSchema, NoNul
from fragola.procurement.models import Criterion, Procedure, TenderState

Text = Annotated[str, NoNul]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Points = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Hours = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


class PublicBodyOut(Schema):
    id: int
    kind: str
    name: str
    fiscal_code: str
    ipa_code: str
    split_payment: bool


class TenderOut(Schema):
    id: int
    body_id: int
    body: str = Field(alias="body.name")
    title: str
    cig: str
    cup: str
    cpv: str
    procedure: str
    criterion: str
    quality_points: Decimal
    price_points: Decimal
    base_amount: Decimal
    labour_cost: Decimal
    ccnl: str
    clarifications_due: dt.datetime | None
    submission_due: dt.datetime | None
    opening_at: dt.datetime | None
    state: str
    awarded_amount: Decimal | None


class LotOut(Schema):
    id: int
    number: int
    title: str
    service: str
    hours: Decimal
    base_amount: Decimal


class ExecutorOut(Schema):
    id: int
    coop_id: int
    coop: str = Field(alias="coop.name")


class TenderDetailOut(TenderOut):
    requirements: str
    decision_note: str
    lots: list[LotOut]
    executors: list[ExecutorOut]


class TenderIn(InputSchema):
    body_id: Id
    title: Text = Field(..., min_length=1, max_length=300)
    procedure: Procedure
    base_amount: Money
    quality_points: Points = Decimal(70)
    price_points: Points = Decimal(30)
    criterion: Criterion = Criterion.BEST_VALUE
    social_services: bool = True
    labour_intensive: bool = True
    cig: Text = Field("", max_length=10)
    cup: Text = Field("", max_length=15)
    cpv: Text = Field("", max_length=10)
    labour_cost: Money = Decimal("0.00")
    ccnl: Text = Field("", max_length=200)
    clarifications_due: AwareDatetime | None = None
    submission_due: AwareDatetime | None = None
    opening_at: AwareDatetime | None = None
    requirements: Text = Field("", max_length=5000)


class LotIn(InputSchema):
    number: int = Field(..., ge=1, le=999)
    title: Text = Field(..., min_length=1, max_length=200)
    service: ServiceKind
    hours: Hours
    base_amount: Money


class ExecutorIn(InputSchema):
    coop_id: Id


class MoveIn(InputSchema):
    to: TenderState
    note: Text = Field("", max_length=2000)


class AwardIn(InputSchema):
    awarded_amount: Money


class ContractIn(InputSchema):
    number: Text = Field(..., min_length=1, max_length=50)
    signed_on: Date
    commitment_number: Text = Field(..., min_length=1, max_length=50)
    commitment_date: Date
    starts_on: Date
    ends_on: Date
    amount: Money
    cup: Text = Field("", max_length=15)


class ContractOut(Schema):
    id: int
    tender_id: int
    cig: str
    cup: str
    number: str
    signed_on: dt.date
    commitment_number: str
    commitment_date: dt.date
    starts_on: dt.date
    ends_on: dt.date
    amount: Decimal


class ShareIn(InputSchema):
    lot_id: Id
    coop_id: Id
    percent: Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]
    hours_per_month: Hours


class PriceIn(InputSchema):
    lot_id: Id
    service: ServiceKind
    qualification: Qualification
    price_per_hour: Annotated[Decimal, Field(gt=0, max_digits=8, decimal_places=2)]


class ShareOut(Schema):
    id: int
    lot_id: int
    coop_id: int
    percent: Decimal
    hours_per_month: Decimal


class OwnLotOut(Schema):
    """A member co-op's own share of a lot: never another member's."""

    share_id: int = Field(alias="pk")
    contract_number: str = Field(alias="lot.contract.number")
    cig: str = Field(alias="lot.contract.cig")
    body: str = Field(alias="lot.contract.tender.body.name")
    lot: int = Field(alias="lot.number")
    title: str = Field(alias="lot.title")
    percent: Decimal
    hours_per_month: Decimal


class HoursOut(Schema):
    share_id: int
    coop_id: int
    lot: int
    month: dt.date
    contracted: Decimal
    delivered: Decimal
    percent: Decimal | None
    alert: str
