"""Who may see and do what. Every view, endpoint and command asks these helpers.

Access comes only from ``Role`` rows. A role in a co-operative gives permissions in that
co-operative; the consortium ``staff`` role also gives read access to the co-operatives that are
members of the consortium today, and to their members' book when they share it. Anything else
is invisible: ``access_*`` helpers raise ``Http404`` so that another tenant's objects do not
even leak their existence.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fragola.registry.models import (
    ConsortiumMembership,
    Membership,
    Organisation,
    Role,
    RoleName,
)

UserLike = User | AnonymousUser


class Perm(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    CHANGE_ORGANISATION = "change_organisation"
    VIEW_BOOK = "view_book"
    CHANGE_BOOK = "change_book"
    VIEW_MEMBER_COOPS = "view_member_coops"
    IMPORT_COOPS = "import_coops"
    MANAGE_ROLES = "manage_roles"


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    RoleName.ADMIN: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.CHANGE_ORGANISATION,
            Perm.VIEW_BOOK,
            Perm.CHANGE_BOOK,
            Perm.MANAGE_ROLES,
        }
    ),
    RoleName.COORDINATOR: frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_BOOK}),
    RoleName.CARER: frozenset({Perm.VIEW_ORGANISATION}),
    RoleName.VOLUNTEER: frozenset({Perm.VIEW_ORGANISATION}),
    RoleName.TUTOR: frozenset({Perm.VIEW_ORGANISATION}),
    RoleName.MEMBER: frozenset({Perm.VIEW_ORGANISATION}),
    # A family member sees only the family portal of their relative (care app), not the co-op.
    RoleName.FAMILY: frozenset(),
    RoleName.STAFF: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.CHANGE_ORGANISATION,
            Perm.VIEW_BOOK,
            Perm.CHANGE_BOOK,
            Perm.VIEW_MEMBER_COOPS,
            Perm.IMPORT_COOPS,
            Perm.MANAGE_ROLES,
        }
    ),
}

# What a consortium's staff may do in a member co-operative; the book only if it is shared.
CONSORTIUM_MEMBER_PERMISSIONS = frozenset({Perm.VIEW_ORGANISATION})
CONSORTIUM_SHARED_BOOK_PERMISSIONS = frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_BOOK})

_CACHE_ATTR = "_fragola_permissions"


def _active_links(day: dt.date) -> Q:
    return Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def permission_map(user: UserLike) -> dict[int, frozenset[Perm]]:
    """Organisation id → permissions of ``user``, computed once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached: dict[int, frozenset[Perm]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    perms: dict[int, set[Perm]] = {}
    staff_of: list[int] = []
    for org_id, role_name in Role.objects.filter(user=user).values_list("organisation_id", "name"):
        perms.setdefault(org_id, set()).update(ROLE_PERMISSIONS[role_name])
        if role_name == RoleName.STAFF:
            staff_of.append(org_id)
    if staff_of:
        links = ConsortiumMembership.objects.filter(
            _active_links(timezone.localdate()), consortium_id__in=staff_of
        ).values_list("member_id", "shares_members_book")
        for member_id, shares_book in links:
            extra = (
                CONSORTIUM_SHARED_BOOK_PERMISSIONS if shares_book else CONSORTIUM_MEMBER_PERMISSIONS
            )
            perms.setdefault(member_id, set()).update(extra)
    result = {org_id: frozenset(values) for org_id, values in perms.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_permissions(user: UserLike) -> None:
    """Drop the cached permissions (after a role changes within the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_perm(user: UserLike, organisation: Organisation | int, perm: Perm) -> bool:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return perm in permission_map(user).get(org_id, frozenset())


def organisation_list_for(
    user: UserLike, perm: Perm = Perm.VIEW_ORGANISATION
) -> QuerySet[Organisation]:
    ids = [org_id for org_id, perms in permission_map(user).items() if perm in perms]
    return Organisation.objects.filter(pk__in=ids).select_related("comune__province")


def access_organisation(user: UserLike, organisation_id: int, perm: Perm) -> Organisation:
    if not has_perm(user, organisation_id, perm):
        raise Http404("No such organisation")
    try:
        return Organisation.objects.select_related("comune__province").get(pk=organisation_id)
    except Organisation.DoesNotExist as exc:
        raise Http404("No such organisation") from exc


def access_membership(user: UserLike, membership_id: int, perm: Perm) -> Membership:
    membership = (
        Membership.objects.select_related("person", "organisation").filter(pk=membership_id).first()
    )
    if membership is None or not has_perm(user, membership.organisation_id, perm):
        raise Http404("No such membership")
    return membership


def roles_in(user: UserLike, organisation: Organisation) -> list[str]:
    if not user.is_authenticated:
        return []
    return list(
        Role.objects.filter(user=user, organisation=organisation).values_list("name", flat=True)
    )
