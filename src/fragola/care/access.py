"""Who may see and do what in home care: object-level helpers over ``fragola.core.access``.

- admin, coordinator: everything of their co-op (``CarePerm.MANAGE``), health data included;
- carer: their own visits, and the service users they are assigned to (health data included);
- volunteer: open volunteer tasks and their own tasks, hours and expenses; never health data;
- family: their relative only, through the family portal;
- consortium staff: aggregate figures of member co-ops, no personal data.

Anything else, and anything of another tenant, is a 404 (never a 403 that leaks existence).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from fragola.care.models import (
    CARE_TYPES,
    CarerKind,
    Expense,
    FamilyMember,
    ServiceUser,
    Visit,
    VisitStatus,
)
from fragola.core.access import Perm, UserLike, has_perm, organisation_ids_with
from fragola.registry.models import Organisation

# A carer is "assigned" to a user with a visit of theirs within this many days (past or future).
ASSIGNMENT_WINDOW_DAYS = 30


def _uid(user: UserLike) -> int:
    return int(user.pk or 0)


class CarePerm(StrEnum):
    MANAGE = "manage"
    CARER = "carer"
    VOLUNTEER = "volunteer"
    FIGURES = "figures"
    VIEW_USER = "view_user"
    FAMILY = "family"


# What each care permission needs in the organisation (fragola.core.access's table).
_IN_ORGANISATION: dict[CarePerm, Perm] = {
    CarePerm.MANAGE: Perm.MANAGE_CARE,
    CarePerm.CARER: Perm.CARE_FOR_USERS,
    CarePerm.VOLUNTEER: Perm.TAKE_VOLUNTEER_TASKS,
    CarePerm.FAMILY: Perm.FAMILY_PORTAL,
    CarePerm.FIGURES: Perm.VIEW_CARE_FIGURES,
}


def has_care_perm(user: UserLike, organisation_id: int, perm: CarePerm) -> bool:
    needed = _IN_ORGANISATION.get(perm)
    return needed is not None and has_perm(user, organisation_id, needed)


def does_visits(user: UserLike, organisation_id: int) -> bool:
    """A carer or a volunteer of the co-op: they have visits of their own."""
    return has_perm(user, organisation_id, Perm.DO_VISITS)


def access_care(user: UserLike, organisation_id: int, perm: CarePerm) -> Organisation:
    """The organisation, if it delivers home care and ``user`` holds ``perm`` there; else 404."""
    if not has_care_perm(user, organisation_id, perm):
        raise Http404("No such organisation")
    organisation = Organisation.objects.filter(pk=organisation_id, type__in=CARE_TYPES).first()
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def is_assigned_carer(user: UserLike, service_user: ServiceUser) -> bool:
    """A carer with a (not cancelled) visit to this user within the assignment window."""
    if not has_care_perm(user, service_user.organisation_id, CarePerm.CARER):
        return False
    today = timezone.localdate()
    window = dt.timedelta(days=ASSIGNMENT_WINDOW_DAYS)
    return (
        Visit.objects.filter(
            service_user=service_user,
            carer__user_id=_uid(user),
            carer__kind=CarerKind.WORKER,
            day__gte=today - window,
            day__lte=today + window,
        )
        .exclude(status=VisitStatus.CANCELLED)
        .exists()
    )


def is_family_of(user: UserLike, service_user: ServiceUser) -> bool:
    if not has_care_perm(user, service_user.organisation_id, CarePerm.FAMILY):
        return False
    return FamilyMember.objects.filter(service_user=service_user, user_id=_uid(user)).exists()


def can_read_health(user: UserLike, service_user: ServiceUser) -> bool:
    """GDPR art. 9: the co-op's coordinators and admins, and the carers assigned to the user."""
    if has_care_perm(user, service_user.organisation_id, CarePerm.MANAGE):
        return True
    return is_assigned_carer(user, service_user)


def access_service_user(user: UserLike, service_user_id: int, perm: CarePerm) -> ServiceUser:
    """MANAGE: coordinators; VIEW_USER: coordinators and assigned carers; FAMILY: relatives."""
    service_user = (
        ServiceUser.objects.select_related("organisation", "comune__province")
        .filter(pk=service_user_id)
        .first()
    )
    if service_user is None:
        raise Http404("No such service user")
    org_id = service_user.organisation_id
    allowed = has_care_perm(user, org_id, CarePerm.MANAGE)
    if not allowed and perm == CarePerm.VIEW_USER:
        allowed = is_assigned_carer(user, service_user)
    if perm == CarePerm.FAMILY:
        allowed = is_family_of(user, service_user)
    if not allowed:
        raise Http404("No such service user")
    return service_user


def access_visit(user: UserLike, visit_id: int, perm: CarePerm) -> Visit:
    """MANAGE: coordinators; CARER: the carer (or volunteer) the visit is assigned to;
    VOLUNTEER: an open volunteer task of the volunteer's co-op, or their own task."""
    visit = (
        Visit.objects.select_related("service_user", "plan_service__plan", "carer__person")
        .filter(pk=visit_id)
        .first()
    )
    if visit is None:
        raise Http404("No such visit")
    org_id = visit.organisation_id
    if perm == CarePerm.MANAGE:
        allowed = has_care_perm(user, org_id, CarePerm.MANAGE)
    elif perm == CarePerm.CARER:
        allowed = (
            visit.carer is not None and visit.carer.user_id == user.pk and does_visits(user, org_id)
        )
    elif perm == CarePerm.VOLUNTEER:
        allowed = has_care_perm(user, org_id, CarePerm.VOLUNTEER) and visit.is_volunteer_task
    else:
        allowed = False
    if not allowed:
        raise Http404("No such visit")
    return visit


def access_expense(user: UserLike, expense_id: int, perm: CarePerm) -> Expense:
    """MANAGE: the co-op's coordinators and admins; VOLUNTEER: the volunteer who claimed it."""
    expense = Expense.objects.select_related("carer__person").filter(pk=expense_id).first()
    if expense is None:
        raise Http404("No such expense")
    org_id = expense.carer.organisation_id
    if perm == CarePerm.MANAGE:
        allowed = has_care_perm(user, org_id, CarePerm.MANAGE)
    elif perm == CarePerm.VOLUNTEER:
        allowed = (
            has_care_perm(user, org_id, CarePerm.VOLUNTEER)
            and expense.carer.user_id is not None
            and expense.carer.user_id == user.pk
        )
    else:
        allowed = False
    if not allowed:
        raise Http404("No such expense")
    return expense


def family_relatives(user: UserLike) -> QuerySet[ServiceUser]:
    """The service users a family member may see: linked to them, in a co-op where they
    hold the ``family`` role."""
    if not user.is_authenticated:
        return ServiceUser.objects.none()
    return (
        ServiceUser.objects.filter(
            family_members__user_id=_uid(user),
            organisation_id__in=organisation_ids_with(user, Perm.FAMILY_PORTAL),
        )
        .select_related("organisation")
        .distinct()
    )
