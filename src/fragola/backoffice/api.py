"""The back-office API (mounted at /api/v1/backoffice/): requests and charges.

Same rules as the pages: a consortium's staff see their consortium's rows, a member co-op's
administrators their co-op's own; anything else is a 404.
"""

# No ``from __future__ import annotations``: Ninja reads real annotations.
import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from fragola.backoffice import selectors, services
from fragola.backoffice.access import uses_backoffice
from fragola.backoffice.models import Charge, RequestKind, ServiceRequest
from fragola.core.access import Perm, access_organisation
from fragola.core.api import NOT_FOUND, WRITE_ERRORS, Id, InputSchema, NoNul, Page, service_errors
from fragola.core.http import AuthedRequest
from fragola.registry.models import Organisation

router = Router(tags=["backoffice"])


class RequestOut(Schema):
    id: int
    coop: str = Field(alias="coop.fiscal_code")
    kind: str
    team: str
    subject: str
    status: str
    opened_at: dt.datetime
    response_due: dt.datetime
    resolution_due: dt.datetime
    answered_at: dt.datetime | None
    resolved_at: dt.datetime | None


class RequestIn(InputSchema):
    kind: RequestKind
    subject: Annotated[str, NoNul] = Field(..., min_length=1, max_length=200)
    description: Annotated[str, NoNul] = Field("", max_length=5000)


class ChargeOut(Schema):
    id: int
    number: str
    coop: str = Field(alias="coop.fiscal_code")
    issued_on: dt.date
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    total: Decimal


def _organisation(request: AuthedRequest, organisation_id: int) -> Organisation:
    organisation: Organisation = access_organisation(
        request.user, organisation_id, Perm.VIEW_ORGANISATION
    )
    if not uses_backoffice(request.user, organisation):
        raise Http404("No back office here")
    return organisation


@router.get(
    "/organisations/{organisation_id}/requests", response={200: list[RequestOut], **NOT_FOUND}
)
@paginate(Page)
def request_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[ServiceRequest]:
    """A consortium's requests (its staff) or a co-op's own (its administrators), newest first."""
    return selectors.request_list(request.user, _organisation(request, organisation_id))


@router.post(
    "/organisations/{organisation_id}/requests", response={201: RequestOut, **WRITE_ERRORS}
)
def request_open(request: AuthedRequest, organisation_id: Id, payload: RequestIn) -> Status:
    """A member co-op opens a request (its administrators)."""
    organisation = _organisation(request, organisation_id)
    if organisation.is_consortium:
        raise Http404("A request is opened by a member co-op")
    with service_errors():
        opened = services.request_open(coop=organisation, opened_by=request.user, **payload.dict())
    return Status(201, opened)


@router.get(
    "/organisations/{organisation_id}/charges", response={200: list[ChargeOut], **NOT_FOUND}
)
@paginate(Page)
def charge_list(request: AuthedRequest, organisation_id: Id) -> QuerySet[Charge]:
    """Recharge invoices: a consortium's (its staff) or a co-op's own (its administrators)."""
    return selectors.charge_list(request.user, _organisation(request, organisation_id))
