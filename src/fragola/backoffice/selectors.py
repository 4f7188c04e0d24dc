"""Every read of the back office, scoped by the acting user (through ``access``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from fragola.backoffice.access import runs_backoffice, uses_backoffice
from fragola.backoffice.models import (
    AllocationRun,
    Breach,
    Charge,
    RequestStatus,
    ServiceRequest,
    TimeEntry,
)
from fragola.core.access import UserLike


def request_list(user: UserLike, organisation: Any) -> QuerySet[ServiceRequest]:
    """A consortium's requests for its staff; a co-op's own requests for its administrators."""
    rows = ServiceRequest.objects.select_related("coop").annotate(
        late_answer=Count("escalations", filter=Q(escalations__breach=Breach.RESPONSE)),
        late_resolution=Count("escalations", filter=Q(escalations__breach=Breach.RESOLUTION)),
        minutes=Sum("time__minutes"),
    )
    if runs_backoffice(user, organisation):
        return rows.filter(consortium=organisation)
    if uses_backoffice(user, organisation):
        return rows.filter(coop=organisation)
    raise Http404("No back office here")


def open_requests(rows: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    return rows.exclude(status=RequestStatus.RESOLVED)


def request_time(request: ServiceRequest) -> QuerySet[TimeEntry]:
    return request.time.select_related("user")


def run_list(user: UserLike, organisation: Any) -> QuerySet[AllocationRun]:
    if not runs_backoffice(user, organisation):
        raise Http404("No back office here")
    return AllocationRun.objects.filter(consortium=organisation).annotate(
        pool_total=Sum("pools__amount"), charge_count=Count("charges", distinct=True)
    )


def charge_list(user: UserLike, organisation: Any) -> QuerySet[Charge]:
    """A consortium's charges for its staff; a co-op's own charges for its administrators."""
    rows = Charge.objects.select_related("coop", "run")
    if runs_backoffice(user, organisation):
        return rows.filter(consortium=organisation)
    if uses_backoffice(user, organisation):
        return rows.filter(coop=organisation)
    raise Http404("No back office here")
