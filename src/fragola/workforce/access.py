"""Who may read disadvantage data (GDPR art. 9): the co-op's administrator and its tutor only.

``fragola.registry.access`` gives no permission for it on purpose: coordinators, carers,
volunteers, members and consortium staff see only aggregate ratios (the compliance pages).
The check is on ``Role`` rows of the organisation itself, never inherited through a consortium.
"""

from __future__ import annotations

from django.http import Http404

from fragola.registry.access import Perm, UserLike, access_organisation
from fragola.registry.models import Organisation, Role, RoleName

DISADVANTAGE_ROLES: frozenset[str] = frozenset({RoleName.ADMIN, RoleName.TUTOR})


def can_read_disadvantage(user: UserLike, organisation: Organisation | int) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return Role.objects.filter(
        user_id=user.pk, organisation_id=org_id, name__in=DISADVANTAGE_ROLES
    ).exists()


def can_manage_workers(user: UserLike, organisation: Organisation | int) -> bool:
    """Recording hires, ends and certificates: the same roles as reading the certificates."""
    return can_read_disadvantage(user, organisation)


def access_disadvantage(user: UserLike, organisation_id: int) -> Organisation:
    """The organisation, if ``user`` may read its disadvantage data; otherwise a 404."""
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    if not can_read_disadvantage(user, organisation):
        raise Http404("No such organisation")
    return organisation
