"""The consortium's bid: the member co-ops it names to execute the tender (art. 65/67).

A named co-op may not bid in the same tender in any other form (here: named by another
consortium for a tender with the same CIG). In a reserved tender (art. 61, P1) each named
co-op needs the integration aim and at least 30 % disadvantaged workers (ANAC opinion
46/2025): the shares come from the compliance engine (its L4.2 results, through
``procurement.selectors.disadvantaged_shares``) and the verdict from the rules' own
``reserved_contract_eligibility``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

import fragola_law as law
from fragola.core.access import UserLike
from fragola.procurement.models import BIDDING_STATES, Executor, Tender, TenderState
from fragola.registry.models import Organisation, OrganisationType
from fragola.registry.selectors import consortium_members

ERR_TENDER_CLOSED = _("This tender can no longer be changed.")
ERR_NOT_MEMBER = _("This co-op is not a member of the consortium.")
ERR_ALREADY_NAMED = _("This co-op is already named for this tender.")
ERR_BIDS_ELSEWHERE = _(
    "This co-op takes part in the same tender (CIG %(cig)s) in another form: "
    "it cannot be named here."
)
ERR_RESERVED_SHARE = _(
    "Reserved contract (art. 61): %(name)s needs the integration aim and at least "
    "%(limit)s %% disadvantaged workers; it has %(share)s %%."
)
ERR_NO_THRESHOLD = _("No threshold for reserved contracts is in force on that day.")

# The states in which a tender can still be changed (tenders.py enforces its moves).
OPEN_STATES = frozenset({TenderState.WATCHING, TenderState.GO_NO_GO, TenderState.PREPARING})

INTEGRATION_TYPES = frozenset({OrganisationType.B, OrganisationType.AB})


def _elsewhere(tender: Tender, coop: Organisation) -> bool:
    """Whether ``coop`` takes part in a tender with the same CIG recorded by someone else."""
    if not tender.cig:
        return False
    others = Tender.objects.filter(cig=tender.cig, state__in=BIDDING_STATES | OPEN_STATES)
    others = others.exclude(pk=tender.pk)
    return others.filter(executors__coop=coop).exists() or others.filter(organisation=coop).exists()


def reserved_check(
    *, user: UserLike, tender: Tender, coops: Iterable[Organisation], on: dt.date
) -> None:
    """Every co-op in ``coops`` meets art. 61 (P1), or a field error naming the first that fails."""
    from fragola.procurement.selectors import disadvantaged_shares

    coops = list(coops)
    shares = disadvantaged_shares(user=user, consortium=tender.organisation, coops=coops, on=on)
    members = [
        law.GroupMember(str(coop.pk), shares[coop.pk], coop.type in INTEGRATION_TYPES)
        for coop in coops
    ]
    try:
        result = law.reserved_contract_eligibility(on=on, members=members)
    except law.NoValueInForce as exc:
        raise ValidationError({"coop": ERR_NO_THRESHOLD}) from exc
    names = {str(coop.pk): coop.name for coop in coops}
    for criterion in result.failed():
        facts = criterion.facts
        params = {
            "name": names.get(str(facts.get("name")), ""),
            "limit": f"{Decimal(str(facts['limit'])) * 100:.0f}",
            "share": f"{Decimal(str(facts['share'])) * 100:.1f}",
        }
        raise ValidationError({"coop": str(ERR_RESERVED_SHARE) % params})


@transaction.atomic
def executor_name(*, tender: Tender, coop: Organisation, user: UserLike, on: dt.date) -> Executor:
    """Name ``coop`` to execute ``tender`` if the consortium wins it."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if tender.state not in OPEN_STATES:
        raise ValidationError({"state": ERR_TENDER_CLOSED})
    members = consortium_members(tender.organisation, on).filter(member=coop)
    if not members.exists():
        raise ValidationError({"coop": ERR_NOT_MEMBER})
    if Executor.objects.filter(tender=tender, coop=coop).exists():
        raise ValidationError({"coop": ERR_ALREADY_NAMED})
    if _elsewhere(tender, coop):
        raise ValidationError({"coop": str(ERR_BIDS_ELSEWHERE) % {"cig": tender.cig}})
    if tender.is_reserved:
        reserved_check(user=user, tender=tender, coops=[coop], on=on)
    executor = Executor(tender=tender, coop=coop)
    executor.full_clean()
    executor.save()
    return executor


@transaction.atomic
def executor_remove(*, executor: Executor) -> None:
    tender = Tender.objects.select_for_update().get(pk=executor.tender_id)
    if tender.state not in OPEN_STATES:
        raise ValidationError({"state": ERR_TENDER_CLOSED})
    executor.delete()


def executors_recheck(*, tender: Tender, user: UserLike, on: dt.date) -> None:
    """Before submitting: the named co-ops still meet art. 61 on the day (reserved tenders)."""
    if tender.is_reserved:
        coops = [e.coop for e in tender.executors.select_related("coop")]
        reserved_check(user=user, tender=tender, coops=coops, on=on)
