"""API shapes of the planning app."""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt

from ninja import Field, Schema

from fragola.care.models import AbsenceKind
from fragola.core.api import Date, Id, InputSchema


class RunIn(InputSchema):
    start: Date
    end: Date
    time_limit: int | None = Field(None, ge=1, le=600)


class RunOut(Schema):
    id: int
    organisation_id: int
    kind: str
    status: str
    progress: int
    period_start: dt.date
    period_end: dt.date
    time_limit: int
    objective: float | None
    breakdown: dict[str, float]
    visit_count: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class AssignmentOut(Schema):
    id: int
    visit_id: int
    slot: int = Field(..., alias="visit.slot")
    day: dt.date = Field(..., alias="visit.day")
    service_user_id: int = Field(..., alias="visit.service_user_id")
    carer_id: int | None
    starts_at: dt.datetime | None
    late_minutes: int
    left_out: bool
    reason: str
    previous_carer_id: int | None
    previous_starts_at: dt.datetime | None


class PublishOut(Schema):
    run: RunOut
    assigned: int


class RepairIn(InputSchema):
    """A carer absent on ``day`` (today or later): the absence is recorded, the day re-planned."""

    carer_id: Id
    day: Date
    kind: AbsenceKind = AbsenceKind.SICKNESS


class RepairOut(RunOut):
    absent_carer_id: int | None


class DecisionOut(Schema):
    run: RepairOut
    changed: int
