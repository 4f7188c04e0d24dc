"""The registry's API: organisations and the members' book, scoped like the calling user.

Endpoints are thin: they parse, ask ``fragola.registry.access`` who may do what, call one service
or selector and return a schema. Another tenant's object answers 404, never 403. A service's
``ValidationError`` answers 422 with ``{"detail": [{"field": ..., "message": ...}]}`` in the
language of the request.
"""

# No ``from __future__ import annotations`` here: Ninja reads the annotations of paginated
# endpoints through ``paginate``'s wrapper, whose module cannot resolve our names as strings.
import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from fragola.core import services as core_services
from fragola.core.access import Perm, access_organisation, organisation_list_for, permission_map
from fragola.core.api import (
    NOT_FOUND,
    WRITE_ERRORS,
    Date,
    Id,
    Page,
    service_errors,
)
from fragola.core.api_auth import BrowserSessionAuth
from fragola.core.models import PersonalAccessToken
from fragola.registry import selectors, services
from fragola.registry.access import access_membership
from fragola.registry.models import (
    Comune,
    ConsortiumMembership,
    MemberCategory,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PersonKind,
    Region,
    Role,
    ShareMovement,
)
from fragola.registry.schemas import (
    AdmitIn,
    ApplicationIn,
    ComuneOut,
    ConsortiumMemberOut,
    ExitIn,
    HistoryOut,
    MemberOut,
    MeOut,
    OrganisationOut,
    OrganisationPatch,
    ShareMovementIn,
    ShareMovementOut,
    Text100,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)

router = Router(tags=["registry"])

ERR_UNKNOWN_COMUNE = _("There is no comune with this ISTAT code.")
ERR_UNKNOWN_REGION = _("There is no region with this ISTAT code.")

COMUNI_PAGE_SIZE = 20


class BookQuery(Schema):
    as_of: Date | None = None
    category: MemberCategory | None = None
    status: MembershipStatus | None = None
    q: Text100 = ""


class ComuneQuery(Schema):
    q: Text100 = ""


def _comune(istat_code: str | None, *, field: str = "comune") -> Comune | None:
    if istat_code is None:
        return None
    found = Comune.objects.filter(istat_code=istat_code).first()
    if found is None:
        raise ValidationError({field: ERR_UNKNOWN_COMUNE})
    return found


def _region(istat_code: str | None) -> Region | None:
    if istat_code is None:
        return None
    found = Region.objects.filter(istat_code=istat_code).first()
    if found is None:
        raise ValidationError({"register_region": ERR_UNKNOWN_REGION})
    return found


# --- organisations -----------------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Page)
def organisation_list(request: HttpRequest) -> QuerySet[Organisation]:
    return (
        organisation_list_for(request.user).select_related("register_region").order_by("name", "pk")
    )


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **NOT_FOUND})
def organisation_detail(request: HttpRequest, organisation_id: Id) -> Organisation:
    return access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)


# Null clears these; for every other field null means "leave as it is".
NULLABLE_ORGANISATION_FIELDS = frozenset({"register_region", "register_date", "runts_date"})


def _organisation_data(
    organisation: Organisation, patch: OrganisationPatch
) -> services.OrganisationData:
    fields = services.OrganisationData.__dataclass_fields__
    values = {field: getattr(organisation, field) for field in fields}
    changes = {
        field: value
        for field, value in patch.dict(exclude_unset=True).items()
        if value is not None or field in NULLABLE_ORGANISATION_FIELDS
    }
    if "comune" in changes:
        changes["comune"] = _comune(changes["comune"])
    if "register_region" in changes:
        changes["register_region"] = _region(changes["register_region"])
    return services.OrganisationData(**(values | changes))


@router.patch("/organisations/{organisation_id}", response={200: OrganisationOut, **WRITE_ERRORS})
def organisation_update(
    request: HttpRequest, organisation_id: Id, patch: OrganisationPatch
) -> Organisation:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_ORGANISATION)
    with service_errors():
        data = _organisation_data(organisation, patch)
        return services.organisation_update(organisation=organisation, data=data)


@router.get(
    "/organisations/{organisation_id}/consortium-members",
    response={200: list[ConsortiumMemberOut], **NOT_FOUND},
)
@paginate(Page)
def consortium_member_list(
    request: HttpRequest, organisation_id: Id
) -> QuerySet[ConsortiumMembership]:
    consortium = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    if not consortium.is_consortium:
        raise Http404("Not a consortium")
    return selectors.consortium_members(consortium, timezone.localdate())


# --- the members' book -------------------------------------------------------------------------


def _book_membership(user: Any, organisation_id: int, membership_id: int, perm: Perm) -> Membership:
    membership = access_membership(user, membership_id, perm)
    if membership.organisation_id != organisation_id:
        raise Http404("No such membership")
    return membership


def _with_capital(membership_id: int) -> Membership:
    rows = Membership.objects.filter(pk=membership_id).select_related("person__comune")
    return selectors.with_capital(rows, None).get()


@router.get(
    "/organisations/{organisation_id}/members", response={200: list[MemberOut], **NOT_FOUND}
)
@paginate(Page)
def member_list(
    request: HttpRequest, organisation_id: Id, query: Query[BookQuery]
) -> QuerySet[Membership]:
    filters = selectors.BookFilter(
        as_of=query.as_of,
        category=query.category or "",
        status=query.status or "",
        search=query.q,
    )
    _, rows = selectors.member_list(
        user=request.user, organisation_id=organisation_id, filters=filters
    )
    return rows


@router.post("/organisations/{organisation_id}/members", response={201: MemberOut, **WRITE_ERRORS})
def member_apply(
    request: HttpRequest, organisation_id: Id, application: ApplicationIn
) -> Status[Membership]:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    with service_errors(), transaction.atomic():
        membership = _apply(organisation, application)
    return Status(201, _with_capital(membership.pk))


PERSON_FIELDS = {
    "kind",
    "fiscal_code",
    "first_name",
    "last_name",
    "legal_name",
    "birth_date",
    "sex",
    "address",
    "email",
    "phone",
}


def _apply(organisation: Organisation, application: ApplicationIn) -> Membership:
    person_data = services.PersonData(
        **application.dict(include=PERSON_FIELDS),
        comune=_comune(application.comune),
    )
    person = services.person_upsert(organisation=organisation, data=person_data)
    return services.membership_apply(
        organisation=organisation,
        person=person,
        category=application.category,
        applied_on=application.applied_on,
        shares_subscribed=application.shares_subscribed,
        notes=application.notes,
    )


@router.get(
    "/organisations/{organisation_id}/members/{membership_id}",
    response={200: MemberOut, **NOT_FOUND},
)
def member_detail(request: HttpRequest, organisation_id: Id, membership_id: Id) -> Membership:
    membership = _book_membership(request.user, organisation_id, membership_id, Perm.VIEW_BOOK)
    return _with_capital(membership.pk)


@router.post(
    "/organisations/{organisation_id}/members/{membership_id}/admit",
    response={200: MemberOut, **WRITE_ERRORS},
)
def member_admit(
    request: HttpRequest, organisation_id: Id, membership_id: Id, admission: AdmitIn
) -> Membership:
    membership = _book_membership(request.user, organisation_id, membership_id, Perm.CHANGE_BOOK)
    with service_errors():
        services.membership_admit(
            membership=membership,
            admitted_on=admission.admitted_on,
            member_number=admission.member_number,
        )
    return _with_capital(membership.pk)


@router.post(
    "/organisations/{organisation_id}/members/{membership_id}/exit",
    response={200: MemberOut, **WRITE_ERRORS},
)
def member_exit(
    request: HttpRequest, organisation_id: Id, membership_id: Id, exit: ExitIn
) -> Membership:
    membership = _book_membership(request.user, organisation_id, membership_id, Perm.CHANGE_BOOK)
    with service_errors():
        services.membership_exit(
            membership=membership,
            exited_on=exit.exited_on,
            reason=exit.exit_reason,
            notes=exit.notes,
        )
    return _with_capital(membership.pk)


@router.post(
    "/organisations/{organisation_id}/members/{membership_id}/shares",
    response={201: ShareMovementOut, **WRITE_ERRORS},
)
def member_share_movement(
    request: HttpRequest, organisation_id: Id, membership_id: Id, movement: ShareMovementIn
) -> Status[ShareMovement]:
    membership = _book_membership(request.user, organisation_id, membership_id, Perm.CHANGE_BOOK)
    with service_errors():
        recorded = services.share_movement_record(
            membership=membership,
            kind=movement.kind,
            amount=movement.amount,
            date=movement.date,
            note=movement.note,
        )
    return Status(201, recorded)


# The book's own columns; the history rows also carry history_* bookkeeping we do not show.
HISTORY_FIELDS = (
    "person_id",
    "member_number",
    "category",
    "applied_on",
    "admitted_on",
    "rejected_on",
    "exited_on",
    "exit_reason",
    "notes",
)
HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _changes(previous: Any, record: Any) -> list[dict[str, str | None]]:
    changes = []
    for field in HISTORY_FIELDS:
        old, new = getattr(previous, field, None), getattr(record, field)
        if previous is None or old != new:
            changes.append({"field": field, "old": _as_text(old), "new": _as_text(new)})
    return changes


def history_entries(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Oldest-first history records as entries with the fields each one changed, newest first."""
    entries: list[dict[str, Any]] = []
    previous: Any = None
    for record in records:
        user = record.history_user
        entries.append(
            {
                "when": record.history_date,
                "who": user.get_username() if user else None,
                "type": HISTORY_TYPES[record.history_type],
                "changes": _changes(previous, record),
            }
        )
        previous = record
    return entries[::-1]


@router.get(
    "/organisations/{organisation_id}/members/{membership_id}/history",
    response={200: list[HistoryOut], **NOT_FOUND},
)
def member_history(
    request: HttpRequest, organisation_id: Id, membership_id: Id
) -> list[dict[str, Any]]:
    membership = _book_membership(request.user, organisation_id, membership_id, Perm.VIEW_BOOK)
    records = (
        Membership.history.filter(id=membership.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return history_entries(records)


# --- territory, the caller and their tokens ----------------------------------------------------


def _user(request: HttpRequest) -> User:
    # Every endpoint requires authentication, so the user is never anonymous here.
    return cast(User, request.user)


@router.get("/comuni", response=list[ComuneOut])
@paginate(Page, page_size=COMUNI_PAGE_SIZE)
def comune_list(request: HttpRequest, query: Query[ComuneQuery]) -> QuerySet[Comune]:
    term = query.q.strip()
    comuni = Comune.objects.select_related("province").order_by("name", "istat_code")
    if term.isdigit():
        return comuni.filter(istat_code__startswith=term)
    return comuni.filter(name__istartswith=term) if term else comuni


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    perms = permission_map(user)
    roles: dict[int, list[str]] = {}
    for org_id, role in Role.objects.filter(user=user).values_list("organisation_id", "name"):
        roles.setdefault(org_id, []).append(role)
    organisations = Organisation.objects.filter(pk__in=perms).order_by("name", "pk")
    return {
        "id": user.pk,
        "username": user.get_username(),
        "first_name": getattr(user, "first_name", ""),
        "last_name": getattr(user, "last_name", ""),
        "email": getattr(user, "email", ""),
        "organisations": [
            {
                "id": org.pk,
                "name": org.name,
                "roles": sorted(roles.get(org.pk, [])),
                "permissions": sorted(perms[org.pk]),
            }
            for org in organisations
        ],
    }


@router.get("/tokens", response=list[TokenOut])
def token_list(request: HttpRequest) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=_user(request)).order_by("-created_at", "-pk")


# Only the browser session may mint a token: a leaked token must not be able to outlive its
# revocation by creating others.
@router.post("/tokens", response={201: TokenCreatedOut}, auth=BrowserSessionAuth())
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    expires_at = None
    if payload.expires_in_days is not None:
        expires_at = timezone.now() + dt.timedelta(days=payload.expires_in_days)
    token, raw = core_services.token_create(
        user=_user(request), name=payload.name, expires_at=expires_at
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None, **NOT_FOUND})
def token_revoke(request: HttpRequest, token_id: Id) -> Status[None]:
    token = get_object_or_404(PersonalAccessToken, pk=token_id, user=_user(request))
    core_services.token_revoke(token=token)
    return Status(204, None)


class PersonRowOut(Schema):
    id: int
    kind: str
    fiscal_code: str
    first_name: str
    last_name: str
    legal_name: str
    display_name: str


class PeopleQuery(Schema):
    q: Text100 = ""
    kind: PersonKind | None = None


@router.get(
    "/organisations/{organisation_id}/people", response={200: list[PersonRowOut], **NOT_FOUND}
)
@paginate(Page)
def people_list(
    request: HttpRequest, organisation_id: Id, query: Query[PeopleQuery]
) -> QuerySet[Person]:
    """The co-op's people (names and fiscal codes only), for those who may read its book."""
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_BOOK)
    return selectors.people_list(
        organisation=organisation, search=query.q.strip(), kind=query.kind or ""
    )
