"""Schemas of the care API. Health data appears only in ``ServiceUserDetailOut`` and only for
those allowed to read it (each read logged)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from fragola.care.models import AbsenceKind, ServiceKind
from fragola.core.api import Date, Id, InputSchema, LocalTime, NoNul


class ServiceUserOut(Schema):
    id: int
    organisation_id: int
    first_name: str
    last_name: str
    comune: str = Field(alias="comune.istat_code")
    started_on: dt.date
    ended_on: dt.date | None


class HealthOut(Schema):
    conditions: str
    care_needs: str


class ServiceUserDetailOut(ServiceUserOut):
    address: str
    phone: str
    health: HealthOut | None = None


class PlanServiceOut(Schema):
    id: int
    kind: str
    duration_minutes: int
    weekdays: str
    window_start: LocalTime
    window_end: LocalTime
    qualification: str
    carers_needed: int
    two_carer_mode: str
    gap_minutes: int
    for_volunteers: bool


class PlanOut(Schema):
    id: int
    status: str
    assessed_on: dt.date
    goals: str
    review_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None
    family_tasks: str
    services: list[PlanServiceOut]


class VisitOut(Schema):
    id: int
    service_user_id: int
    service_kind: str = Field(alias="plan_service.kind")
    day: dt.date
    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    carer_id: int | None
    is_volunteer_task: bool
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    in_area_at_check_in: bool | None
    in_area_at_check_out: bool | None


class AssignIn(InputSchema):
    carer_id: Id
    force: bool = False  # assign outside the carer's declared availability


class PositionIn(InputSchema):
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)

    def position(self) -> tuple[float, float] | None:
        if self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)


class CheckOutIn(PositionIn):
    notes: str = Field("", max_length=5000)
    tasks_done: str = Field("", max_length=5000)
    handover_notes: str = Field("", max_length=5000)


# --- carers, volunteers and what they do ----------------------------------------------------


class QualificationOut(Schema):
    kind: str
    obtained_on: dt.date | None
    expires_on: dt.date | None


class CarerOut(Schema):
    id: int
    organisation_id: int
    person_id: int
    first_name: str = Field(alias="person.first_name")
    last_name: str = Field(alias="person.last_name")
    kind: str
    weekly_hours: Decimal | None
    insured_until: dt.date | None
    active: bool
    qualifications: list[QualificationOut]


class SlotOut(Schema):
    weekday: int
    starts_at: LocalTime
    ends_at: LocalTime


class CarerDetailOut(CarerOut):
    skills: str
    activities: str
    availability: list[SlotOut]


class SlotIn(InputSchema):
    weekday: int = Field(..., ge=1, le=7)
    starts_at: LocalTime
    ends_at: LocalTime


class AvailabilityIn(InputSchema):
    slots: list[SlotIn] = Field(..., max_length=50)


class AbsenceOut(Schema):
    id: int
    carer_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date


class AbsenceIn(InputSchema):
    kind: AbsenceKind
    starts_on: Date
    ends_on: Date


class HoursOut(Schema):
    id: int
    carer_id: int
    day: dt.date
    hours: Decimal
    activity: str
    visit_id: int | None
    note: str


class HoursIn(InputSchema):
    day: Date
    hours: Decimal = Field(..., max_digits=4, decimal_places=2)
    activity: ServiceKind = ServiceKind.COMPANIONSHIP
    note: Annotated[str, NoNul] = Field("", max_length=255)


class ExpenseOut(Schema):
    id: int
    carer_id: int
    volunteer: str = Field(alias="carer.person.display_name")
    day: dt.date
    amount: Decimal
    description: str
    status: str


class ExpenseClaimIn(Schema):
    day: Date
    amount: Decimal = Field(..., max_digits=8, decimal_places=2)
    description: Annotated[str, NoNul] = Field(..., min_length=1, max_length=200)


class RejectIn(InputSchema):
    reason: Annotated[str, NoNul] = Field(..., max_length=200)
