"""Who may plan: the co-op's coordinators and admins. Anything else is a 404."""

from __future__ import annotations

from django.http import Http404

from fragola.care.models import CARE_TYPES, Carer
from fragola.core.access import Perm, UserLike, access_organisation, has_perm
from fragola.planning.models import PlannedAssignment, PlanningRun
from fragola.registry.models import Organisation


def access_planning(user: UserLike, organisation_id: int) -> Organisation:
    """The organisation, if it delivers home care and ``user`` coordinates it; else 404."""
    organisation = access_organisation(user, organisation_id, Perm.MANAGE_CARE)
    if organisation.type not in CARE_TYPES:
        raise Http404("No such organisation")
    return organisation


def access_run(user: UserLike, organisation_id: int | None, run_id: int) -> PlanningRun:
    """The run (of ``organisation_id`` when given) if ``user`` coordinates its co-op; else 404."""
    runs = PlanningRun.objects.select_related(
        "organisation", "absent_carer__person", "superseded_by", "published_by"
    )
    if organisation_id is not None:
        runs = runs.filter(organisation_id=organisation_id)
    found = runs.filter(pk=run_id).first()
    if found is None or not has_perm(user, found.organisation_id, Perm.MANAGE_CARE):
        raise Http404("No such planning run")
    return found


def access_assignment(run: PlanningRun, assignment_id: int) -> PlannedAssignment:
    row = (
        PlannedAssignment.objects.select_related(
            "visit__service_user", "visit__plan_service", "carer__person"
        )
        .filter(pk=assignment_id, run=run)
        .first()
    )
    if row is None:
        raise Http404("No such assignment")
    return row


def may_hold_feed(carer: Carer) -> bool:
    """A calendar feed follows the roles of the moment: an active carer whose login (if they
    have one) still holds the carer or volunteer role in the co-op, and is active."""
    if not carer.active:
        return False
    if carer.user is None:
        return True  # no login: no role to lose; deactivating the carer closes the feed
    return has_perm(carer.user, carer.organisation_id, Perm.DO_VISITS)
