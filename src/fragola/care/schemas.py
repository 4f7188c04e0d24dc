"""Schemas of the care API. Health data appears only in ``ServiceUserDetailOut`` and only for
those allowed to read it (each read logged)."""

import datetime as dt

from ninja import Field, Schema

from fragola.core.api import Id, InputSchema, LocalTime


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
