"""Who may read disadvantage data (GDPR art. 9): the co-op's administrator and its tutor only.

``fragola.core.access`` gives ``READ_DISADVANTAGE`` to those two roles and never through a
consortium: coordinators, carers, volunteers, members and consortium staff see only aggregate
ratios (the compliance pages).
"""

from __future__ import annotations

from django.http import Http404

from fragola.core.access import Perm, UserLike, has_perm
from fragola.registry.access import access_organisation
from fragola.registry.models import Organisation


def can_read_disadvantage(user: UserLike, organisation: Organisation | int) -> bool:
    return has_perm(user, organisation, Perm.READ_DISADVANTAGE)


def can_manage_workers(user: UserLike, organisation: Organisation | int) -> bool:
    """Recording hires, ends and certificates: the same roles as reading the certificates."""
    return has_perm(user, organisation, Perm.MANAGE_WORKERS)


def access_disadvantage(user: UserLike, organisation_id: int) -> Organisation:
    """The organisation, if ``user`` may read its disadvantage data; otherwise a 404."""
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    if not can_read_disadvantage(user, organisation):
        raise Http404("No such organisation")
    return organisation
