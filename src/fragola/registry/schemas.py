"""The registry API's shapes: what goes in (validated by Ninja) and what comes out.

Field limits mirror the model columns so that nothing too long reaches the database.
Money is ``Decimal`` (a string in JSON), dates are ISO dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from fragola.core.api import Date, InputSchema, NoNul
from fragola.registry.models import (
    ExitReason,
    MemberCategory,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PersonKind,
    ShareMovementKind,
)

MAX_MEMBER_NUMBER = 2_147_483_647  # PositiveIntegerField's ceiling on PostgreSQL


Text11 = Annotated[str, Field(max_length=11), NoNul]
Text16 = Annotated[str, Field(max_length=16), NoNul]
Text20 = Annotated[str, Field(max_length=20), NoNul]
Text30 = Annotated[str, Field(max_length=30), NoNul]
Text100 = Annotated[str, Field(max_length=100), NoNul]
Text254 = Annotated[str, Field(max_length=254), NoNul]
Text255 = Annotated[str, Field(max_length=255), NoNul]
Text2000 = Annotated[str, Field(max_length=2000), NoNul]


CENT = Decimal("0.01")


def _cents(value: Decimal) -> Decimal:
    # Sums from SQLite come back as Decimal("50"); the API always shows two places.
    return value.quantize(CENT)


Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
MoneyOut = Annotated[Decimal, AfterValidator(_cents)]
IstatCode = Annotated[str, Field(pattern=r"^\d{6}$")]
SexCode = Literal["F", "M", ""]


class ComuneOut(Schema):
    istat_code: str
    name: str
    province: str = Field(..., alias="province.abbreviation")


class OrganisationOut(Schema):
    id: int
    type: str
    name: str
    fiscal_code: str
    vat_number: str
    legal_form: str
    founded_on: dt.date
    comune: str | None
    address: str
    email: str
    pec: str
    register_region: str | None
    register_section: str
    register_number: str
    register_date: dt.date | None
    rea_number: str
    runts_number: str
    runts_date: dt.date | None

    @staticmethod
    def resolve_comune(obj: Organisation) -> str:
        return obj.comune.istat_code

    @staticmethod
    def resolve_register_region(obj: Organisation) -> str | None:
        return obj.register_region.istat_code if obj.register_region else None


class OrganisationPatch(InputSchema):
    """Only the fields sent change; identity (type, fiscal code) is not editable here."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"address": "Via Roma 1", "pec": "alfa@pec.example.it"}]}
    )

    name: Text255 | None = None
    legal_form: Literal["srl", "spa"] | None = None
    founded_on: Date | None = None
    comune: IstatCode | None = None
    vat_number: Text11 | None = None
    address: Text255 | None = None
    email: Text254 | None = None
    pec: Text254 | None = None
    register_region: Annotated[str, Field(pattern=r"^\d{2}$")] | None = None
    register_section: Literal["A", "B", "C", ""] | None = None
    register_number: Text30 | None = None
    register_date: Date | None = None
    rea_number: Text20 | None = None
    runts_number: Text30 | None = None
    runts_date: Date | None = None


class ConsortiumMemberOut(Schema):
    id: int = Field(..., alias="member.id")
    name: str = Field(..., alias="member.name")
    type: str = Field(..., alias="member.type")
    fiscal_code: str = Field(..., alias="member.fiscal_code")
    joined_on: dt.date
    shares_members_book: bool


class PersonOut(Schema):
    kind: str
    fiscal_code: str
    first_name: str
    last_name: str
    legal_name: str
    birth_date: dt.date | None
    sex: str
    comune: str | None

    @staticmethod
    def resolve_comune(obj: Person) -> str | None:
        return obj.comune.istat_code if obj.comune else None


class MemberOut(Schema):
    id: int
    member_number: int | None
    category: str
    status: MembershipStatus
    person: PersonOut
    applied_on: dt.date
    admitted_on: dt.date | None
    rejected_on: dt.date | None
    exited_on: dt.date | None
    exit_reason: str
    shares_subscribed: MoneyOut
    shares_paid: MoneyOut
    shares_refunded: MoneyOut

    @staticmethod
    def resolve_status(obj: Membership) -> str:
        return obj.status.value


class ChangeOut(Schema):
    field: str
    old: str | None
    new: str | None


class HistoryOut(Schema):
    when: dt.datetime
    who: str | None
    type: Literal["created", "changed", "deleted"]
    changes: list[ChangeOut]


class ApplicationIn(InputSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "natural",
                    "fiscal_code": "VRDGLI90E57A794J",
                    "first_name": "Giulia",
                    "last_name": "Verdi",
                    "birth_date": "1990-05-17",
                    "sex": "F",
                    "comune": "016024",
                    "category": "volontario",
                    "applied_on": "2025-03-01",
                    "shares_subscribed": "25.00",
                }
            ]
        }
    )

    kind: PersonKind = PersonKind.NATURAL
    fiscal_code: Text16
    first_name: Text100 = ""
    last_name: Text100 = ""
    legal_name: Text255 = ""
    birth_date: Date | None = None
    sex: SexCode = ""
    comune: IstatCode | None = None
    address: Text255 = ""
    email: Text254 = ""
    phone: Text30 = ""
    category: MemberCategory
    applied_on: Date
    shares_subscribed: Annotated[Money, Field(ge=0)] = Decimal("0")
    notes: Text2000 = ""


class AdmitIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"admitted_on": "2025-03-20"}]})

    admitted_on: Date
    member_number: Annotated[int, Field(ge=1, le=MAX_MEMBER_NUMBER)] | None = None


class ExitIn(InputSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"exited_on": "2025-06-30", "exit_reason": "withdrawal", "notes": ""}]
        }
    )

    exited_on: Date
    exit_reason: ExitReason
    notes: Text2000 = ""


class ShareMovementIn(InputSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "payment", "amount": "25.00", "date": "2025-03-20", "note": ""}]
        }
    )

    kind: ShareMovementKind
    amount: Annotated[Money, Field(gt=0)]
    date: Date
    note: Text255 = ""


class ShareMovementOut(Schema):
    id: int
    kind: str
    amount: MoneyOut
    date: dt.date
    note: str


class OrganisationRolesOut(Schema):
    id: int
    name: str
    roles: list[str]
    permissions: list[str]


class MeOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    organisations: list[OrganisationRolesOut]


class TokenIn(InputSchema):
    name: Annotated[str, Field(min_length=1, max_length=100), NoNul]
    expires_in_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The raw token: shown once, never stored.")
