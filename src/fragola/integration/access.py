"""Who sees what of work integration. Every view and endpoint asks these helpers.

- Personal data (projects, categories, relief per worker, public value per worker) is GDPR
  art. 9 data: only the co-op's administrator and tutor (``Perm.READ_DISADVANTAGE`` of
  ``fragola.core.access``), never through a consortium; everyone else gets a 404.
- Aggregates (the ratio and its forecast, outcome counts, co-op totals) need the members' book
  permission in the co-op; a consortium's staff see outcome counts of member co-ops only summed.
"""

from __future__ import annotations

from django.http import Http404

from fragola.core.access import Perm, UserLike, access_organisation, has_perm
from fragola.registry.models import Organisation

NOT_FOUND = "No such organisation"


def access_personal(user: UserLike, organisation_id: int) -> Organisation:
    """The co-op, if ``user`` may read its disadvantaged workers' data; otherwise a 404."""
    return access_organisation(user, organisation_id, Perm.READ_DISADVANTAGE)


def can_read_personal(user: UserLike, organisation: Organisation) -> bool:
    return has_perm(user, organisation, Perm.READ_DISADVANTAGE)


def access_aggregates(user: UserLike, organisation_id: int) -> Organisation:
    """The co-op, if ``user`` may see its integration figures (no names); otherwise a 404."""
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    if can_read_personal(user, organisation) or has_perm(user, organisation, Perm.VIEW_BOOK):
        return organisation
    raise Http404(NOT_FOUND)


def access_consortium_stats(user: UserLike, organisation_id: int) -> Organisation:
    """A consortium whose staff ``user`` is: outcome counts summed over member co-ops."""
    organisation = access_organisation(user, organisation_id, Perm.VIEW_MEMBER_COOPS)
    if not organisation.is_consortium:
        raise Http404(NOT_FOUND)
    return organisation
