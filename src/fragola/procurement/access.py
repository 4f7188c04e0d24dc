"""Who reaches which tender: a consortium's staff its own tenders (another consortium's are not
found); a member co-op's administrators only the lots their co-op executes."""

from __future__ import annotations

from django.http import Http404

from fragola.core.access import Perm, UserLike, access_by_id, access_organisation
from fragola.procurement.models import Contract, Tender
from fragola.registry.models import Organisation


def access_consortium(user: UserLike, organisation_id: int) -> Organisation:
    """The consortium whose tenders ``user`` manages, or 404 (a co-op's id too)."""
    organisation: Organisation = access_organisation(user, organisation_id, Perm.MANAGE_TENDERS)
    if not organisation.is_consortium:
        raise Http404("Not a consortium")
    return organisation


def access_tender(user: UserLike, organisation_id: int, tender_id: int) -> Tender:
    access_consortium(user, organisation_id)
    rows = Tender.objects.filter(organisation_id=organisation_id).select_related(
        "body", "organisation"
    )
    return access_by_id(user, rows, tender_id, Perm.MANAGE_TENDERS, not_found="No such tender")


def access_contract(user: UserLike, organisation_id: int, contract_id: int) -> Contract:
    access_consortium(user, organisation_id)
    rows = Contract.objects.filter(organisation_id=organisation_id).select_related(
        "tender__body", "organisation"
    )
    return access_by_id(user, rows, contract_id, Perm.MANAGE_TENDERS, not_found="No such contract")


def access_own_lots(user: UserLike, organisation_id: int) -> Organisation:
    """The co-op whose own lots ``user`` may see (its administrators), or 404."""
    organisation: Organisation = access_organisation(user, organisation_id, Perm.VIEW_OWN_LOTS)
    return organisation
