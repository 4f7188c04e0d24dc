"""The governance API (mounted at /api/v1/governance/): the board of directors and assemblies.

Same rules as the governance page: reading needs the members' book permission, writing needs
the permission to change it; another co-op's board or assembly is a 404.
"""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from fragola.core.access import Perm, access_organisation
from fragola.core.api import (
    NOT_FOUND,
    WRITE_ERRORS,
    Date,
    Id,
    InputSchema,
    NoNul,
    Page,
    service_errors,
)
from fragola.core.http import AuthedRequest
from fragola.governance import selectors, services
from fragola.governance.models import Assembly, AssemblyKind, BoardRole, BoardSeat
from fragola.registry.models import Membership, Person

router = Router(tags=["governance"])
ERR_NO_SUCH_PERSON = _("No person of this co-operative has this fiscal code.")
# Assemblies are listed over at most this many days.
MAX_ASSEMBLY_DAYS = 3 * 366


class SeatOut(Schema):
    id: int
    person_id: int
    name: str = Field(alias="person.display_name")
    role: str
    started_on: dt.date
    ended_on: dt.date | None


class SeatIn(InputSchema):
    fiscal_code: Annotated[str, NoNul] = Field(..., min_length=1, max_length=16)
    role: BoardRole
    started_on: Date


class SeatEndIn(InputSchema):
    ended_on: Date


class AssemblyOut(Schema):
    id: int
    held_on: dt.date
    kind: str
    agenda: str


class AssemblyIn(InputSchema):
    held_on: Date
    kind: AssemblyKind = AssemblyKind.ORDINARY
    agenda: Annotated[str, NoNul] = Field("", max_length=5000)


class VoterOut(Schema):
    membership_id: int = Field(alias="pk")
    member_number: int | None
    name: str = Field(alias="person.display_name")
    category: str
    admitted_on: dt.date | None


@router.get("/organisations/{organisation_id}/board", response={200: list[SeatOut], **NOT_FOUND})
@paginate(Page)
def board(
    request: AuthedRequest, organisation_id: Id, on: Date | None = None
) -> QuerySet[BoardSeat]:
    """The directors in office on ``on`` (default today)."""
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    return selectors.board_on(organisation, on or timezone.localdate())


@router.post("/organisations/{organisation_id}/board", response={201: SeatOut, **WRITE_ERRORS})
def board_seat_add(request: AuthedRequest, organisation_id: Id, payload: SeatIn) -> Status:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    person = Person.objects.filter(
        organisation=organisation, fiscal_code=payload.fiscal_code.upper()
    ).first()
    with service_errors():
        if person is None:
            raise ValidationError({"fiscal_code": ERR_NO_SUCH_PERSON})
        seat = services.board_seat_add(
            organisation=organisation, person=person, role=payload.role,
            started_on=payload.started_on,
        )  # fmt: skip
    return Status(201, seat)


@router.post(
    "/organisations/{organisation_id}/board/{seat_id}/end",
    response={200: SeatOut, **WRITE_ERRORS},
)
def board_seat_end(
    request: AuthedRequest, organisation_id: Id, seat_id: Id, payload: SeatEndIn
) -> BoardSeat:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    seat = BoardSeat.objects.filter(organisation=organisation, pk=seat_id).first()
    if seat is None:
        raise Http404("No such seat")
    with service_errors():
        return services.board_seat_end(seat=seat, ended_on=payload.ended_on)


class PeriodQuery(Schema):
    start: Date | None = None
    end: Date | None = None


@router.get(
    "/organisations/{organisation_id}/assemblies",
    response={200: list[AssemblyOut], **NOT_FOUND},
)
@paginate(Page)
def assembly_list(
    request: AuthedRequest, organisation_id: Id, query: Query[PeriodQuery]
) -> QuerySet[Assembly]:
    """Assemblies held from ``start`` (default a year ago) to ``end`` (at most three years)."""
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    start = query.start or timezone.localdate() - dt.timedelta(days=366)
    end = query.end or start + dt.timedelta(days=MAX_ASSEMBLY_DAYS)
    if end < start or (end - start).days > MAX_ASSEMBLY_DAYS:
        end = start + dt.timedelta(days=MAX_ASSEMBLY_DAYS)
    return selectors.assemblies_between(organisation, start, end)


@router.post(
    "/organisations/{organisation_id}/assemblies", response={201: AssemblyOut, **WRITE_ERRORS}
)
def assembly_schedule(request: AuthedRequest, organisation_id: Id, payload: AssemblyIn) -> Status:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    with service_errors():
        assembly = services.assembly_schedule(organisation=organisation, **payload.dict())
    return Status(201, assembly)


@router.get(
    "/organisations/{organisation_id}/assemblies/{assembly_id}/voters",
    response={200: list[VoterOut], **NOT_FOUND},
)
@paginate(Page)
def assembly_voters(
    request: AuthedRequest, organisation_id: Id, assembly_id: Id
) -> QuerySet[Membership]:
    """Who may vote (G2): on the book that day and admitted long enough before it."""
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    assembly = Assembly.objects.filter(organisation=organisation, pk=assembly_id).first()
    if assembly is None:
        raise Http404("No such assembly")
    return selectors.voters_for(assembly)
