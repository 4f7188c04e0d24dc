"""The governance API (mounted at /api/v1/governance/): the board of directors, assemblies and
consultations.

Same rules as the governance page: reading needs the members' book permission, writing needs
the permission to change it; another co-op's board or assembly is a 404. Consultations: anyone
with a role in the co-op reads the opened ones and the electorate votes; no answer names how a
member voted.
"""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from fragola.core.access import Perm, access_organisation, has_perm
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
from fragola.governance.models import (
    Answer,
    Assembly,
    AssemblyKind,
    BoardRole,
    BoardSeat,
    Poll,
    PollKind,
)
from fragola.governance.services import polls as services_polls
from fragola.registry.models import MemberCategory, Membership, Person

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


# Consultations ---------------------------------------------------------------------------------

Label = Annotated[str, NoNul, Field(max_length=200)]


class PollOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    category: str
    anonymous: bool
    results_hidden: bool
    quorum: Decimal
    threshold: Decimal
    score_max: int
    closes_at: dt.datetime
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None


class PollIn(InputSchema):
    title: Annotated[str, NoNul] = Field(..., min_length=1, max_length=200)
    description: Annotated[str, NoNul] = Field("", max_length=5000)
    kind: PollKind
    options: list[Label] = Field(default_factory=list, max_length=services_polls.MAX_OPTIONS)
    category: MemberCategory | None = None
    anonymous: bool = True
    results_hidden: bool = True
    quorum: Decimal = Field(Decimal(0), ge=0, le=1, max_digits=4, decimal_places=3)
    threshold: Decimal = Field(Decimal("0.5"), ge=0, le=1, max_digits=4, decimal_places=3)
    score_max: int = Field(5, ge=0, le=1000)
    closes_at: dt.datetime


class VoteIn(InputSchema):
    answer: Answer | None = None
    marks: dict[Id, Annotated[int, Field(ge=0, le=1000)]] = Field(default_factory=dict)


class OptionOut(Schema):
    id: int
    label: str
    position: int


class PollDetailOut(PollOut):
    status: str
    options: list[OptionOut]
    i_may_vote: bool
    i_voted: bool
    result: dict[str, Any] | None


def result_json(result: selectors.PollResult) -> dict[str, Any]:
    """The count, naming its method; never a voter."""
    out: dict[str, Any] = {
        "method": result.method,
        "electorate": result.electorate,
        "turnout": result.turnout,
        "quorum_met": result.quorum_met,
    }
    if result.proposal is not None:
        counts = result.proposal.counts
        out["counts"] = {a: getattr(counts, a) for a in Answer.values}
        out["decision"] = result.proposal.decision.value
    if result.tally is not None:
        tally = result.tally
        out["winner"] = tally.winner
        out["tie"] = list(tally.tie)
        out["totals"] = {o: float(v) for o, v in tally.totals.items()}
        out["rounds"] = [
            {"counts": r.counts, "eliminated": list(r.eliminated), "tied": list(r.tied)}
            for r in tally.rounds
        ]
    return out


def _poll(request: AuthedRequest, organisation_id: int, poll_id: int, perm: Perm) -> Poll:
    organisation = access_organisation(request.user, organisation_id, perm)
    poll = selectors.poll_by_id(organisation, poll_id)
    if poll.opened_at is None and not has_perm(request.user, organisation, Perm.CHANGE_BOOK):
        raise Http404("No such consultation")
    return poll


def _detail(request: AuthedRequest, poll: Poll) -> dict[str, Any]:
    now = timezone.now()
    voter = selectors.poll_voter_for(poll, request.user)
    visible = selectors.results_visible(poll, now)
    return {
        **{f: getattr(poll, f) for f in PollOut.model_fields},
        "status": poll.status_at(now).value,
        "options": list(poll.options.all()),
        "i_may_vote": voter is not None,
        "i_voted": voter is not None and voter.voted_at is not None,
        "result": result_json(selectors.poll_result(poll)) if visible else None,
    }


@router.get("/organisations/{organisation_id}/polls", response={200: list[PollOut], **NOT_FOUND})
@paginate(Page)
def poll_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[Poll]:
    """The co-op's consultations (drafts only for those who may change the book)."""
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    polls = selectors.poll_list(organisation)
    if not has_perm(request.user, organisation, Perm.CHANGE_BOOK):
        polls = polls.filter(opened_at__isnull=False)
    return polls


@router.post("/organisations/{organisation_id}/polls", response={201: PollOut, **WRITE_ERRORS})
def poll_create(request: AuthedRequest, organisation_id: Id, payload: PollIn) -> Status:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    values = payload.dict()
    values["category"] = values["category"] or ""
    with service_errors():
        poll = services_polls.poll_create(
            organisation=organisation, data=services_polls.PollData(**values)
        )
    return Status(201, poll)


@router.get(
    "/organisations/{organisation_id}/polls/{poll_id}",
    response={200: PollDetailOut, **NOT_FOUND},
)
def poll_detail(request: AuthedRequest, organisation_id: Id, poll_id: Id) -> dict[str, Any]:
    """One consultation; ``result`` is null while its results are hidden."""
    poll = _poll(request, organisation_id, poll_id, Perm.VIEW_ORGANISATION)
    return _detail(request, poll)


@router.post(
    "/organisations/{organisation_id}/polls/{poll_id}/vote",
    response={200: PollDetailOut, **WRITE_ERRORS},
)
def poll_vote(
    request: AuthedRequest, organisation_id: Id, poll_id: Id, payload: VoteIn
) -> dict[str, Any]:
    """Vote: ``answer`` for a proposal, else ``marks`` (option id → 1, a rank or a score)."""
    poll = _poll(request, organisation_id, poll_id, Perm.VIEW_ORGANISATION)
    with service_errors():
        services_polls.poll_vote(
            poll=poll, user=request.user, answer=payload.answer or "", marks=payload.marks
        )
    return _detail(request, poll)


@router.post(
    "/organisations/{organisation_id}/polls/{poll_id}/open",
    response={200: PollDetailOut, **WRITE_ERRORS},
)
def poll_open(request: AuthedRequest, organisation_id: Id, poll_id: Id) -> dict[str, Any]:
    """Open the vote, freezing the electorate from today's book."""
    poll = _poll(request, organisation_id, poll_id, Perm.CHANGE_BOOK)
    with service_errors():
        poll = services_polls.poll_open(poll=poll)
    return _detail(request, poll)


@router.post(
    "/organisations/{organisation_id}/polls/{poll_id}/close",
    response={200: PollDetailOut, **WRITE_ERRORS},
)
def poll_close(request: AuthedRequest, organisation_id: Id, poll_id: Id) -> dict[str, Any]:
    poll = _poll(request, organisation_id, poll_id, Perm.CHANGE_BOOK)
    with service_errors():
        poll = services_polls.poll_close(poll=poll)
    return _detail(request, poll)
