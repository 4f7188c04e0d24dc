"""The registry's side of access: where roles come from, and memberships by id.

``fragola.core.access`` holds the one table from role names to permissions and the per-request
cache; ``role_grants`` below is its source of roles (the ``FRAGOLA_ROLE_SOURCE`` setting): a
user's ``Role`` rows, and, for a consortium's staff, the co-operatives that are members of the
consortium today (their members' book too when they share it). Organisations by id are core's
(``fragola.core.access.access_organisation``). Anything else is invisible: ``access_*`` helpers
raise ``Http404`` so that another tenant's objects do not even leak their existence.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from fragola.core.access import (
    CONSORTIUM_MEMBER,
    CONSORTIUM_MEMBER_SHARING_BOOK,
    Perm,
    UserLike,
    access_by_id,
)
from fragola.registry.models import (
    ConsortiumMembership,
    Membership,
    Organisation,
    Role,
    RoleName,
)


def _active_links(day: dt.date) -> Q:
    return Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def role_grants(user_id: int) -> list[tuple[int, str]]:
    """The user's roles, and what a consortium's staff inherit in today's member co-ops."""
    grants = list(Role.objects.filter(user_id=user_id).values_list("organisation_id", "name"))
    staff_of = [org_id for org_id, name in grants if name == RoleName.STAFF]
    if staff_of:
        links = ConsortiumMembership.objects.filter(
            _active_links(timezone.localdate()), consortium_id__in=staff_of
        ).values_list("member_id", "shares_members_book")
        for member_id, shares_book in links:
            grants.append(
                (member_id, CONSORTIUM_MEMBER_SHARING_BOOK if shares_book else CONSORTIUM_MEMBER)
            )
    return grants


def access_membership(user: UserLike, membership_id: int, perm: Perm) -> Membership:
    rows = Membership.objects.select_related("person", "organisation")
    return access_by_id(user, rows, membership_id, perm, not_found="No such membership")


def roles_in(user: UserLike, organisation: Organisation) -> list[str]:
    if not user.is_authenticated:
        return []
    return list(
        Role.objects.filter(user=user, organisation=organisation).values_list("name", flat=True)
    )
