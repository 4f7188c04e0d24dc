"""Who sees a back-office row: the staff of its consortium, or the administrators of its co-op.

Anything else is a 404, so another co-op's (or another consortium's) request does not leak.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from fragola.backoffice.models import AllocationRun, ServiceRequest
from fragola.core.access import Perm, UserLike, has_perm


def runs_backoffice(user: UserLike, organisation: Any) -> bool:
    return bool(organisation.is_consortium) and has_perm(user, organisation, Perm.RUN_BACKOFFICE)


def uses_backoffice(user: UserLike, organisation: Any) -> bool:
    return runs_backoffice(user, organisation) or (
        not organisation.is_consortium and has_perm(user, organisation, Perm.USE_BACKOFFICE)
    )


def access_request(user: UserLike, organisation: Any, request_id: int) -> ServiceRequest:
    """Request ``request_id`` seen from ``organisation`` (its consortium or its co-op), or 404."""
    rows = ServiceRequest.objects.select_related("coop", "consortium")
    if runs_backoffice(user, organisation):
        found = rows.filter(consortium=organisation, pk=request_id).first()
    elif uses_backoffice(user, organisation):
        found = rows.filter(coop=organisation, pk=request_id).first()
    else:
        found = None
    if found is None:
        raise Http404("No such request")
    return found


def access_run(user: UserLike, organisation: Any, run_id: int) -> AllocationRun:
    """An allocation run of ``organisation``, a consortium whose back office ``user`` runs."""
    found = AllocationRun.objects.filter(consortium=organisation, pk=run_id).first()
    if found is None or not runs_backoffice(user, organisation):
        raise Http404("No such run")
    return found
