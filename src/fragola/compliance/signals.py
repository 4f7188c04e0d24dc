"""Forget a co-op's stored results as soon as one of the facts its rules read changes.

The rules read the members' book, the workers and their certificates, the consortium links,
the board and the assemblies, the volunteers' cover and the co-op's own record and settings.
Any save or delete of those removes the co-op's ``ComplianceStanding`` rows in the same
transaction (one ``DELETE``), so the consortium's pages evaluate it afresh until the next
check stores new ones: a breach entered a minute ago shows there at once, however it was
entered (a service, the admin, a script). Bulk writes send no signals; the importers ask for a
recheck instead (``core.vetting.recheck``), which forgets the results too.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from fragola.compliance.models import ComplianceStanding
from fragola.registry.models import ConsortiumMembership

# Models whose rows belong to one organisation (``organisation_id``) and feed its rules.
BY_ORGANISATION = (
    "registry.Membership",
    "workforce.Employment",
    "workforce.DisadvantageCertificate",
    "compliance.ComplianceSettings",
    "governance.BoardSeat",
    "governance.Assembly",
    "care.Carer",
)


def _forget_owner(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        ComplianceStanding.objects.filter(organisation_id=instance.organisation_id).delete()


def _forget_link(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # L8 counts the consortium's members
        ComplianceStanding.objects.filter(organisation_id=instance.consortium_id).delete()


def _forget_organisation(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Its own rules, and its consortia's L8 (which counts it by its kind)."""
    if raw or kwargs.get("created"):
        return
    consortia = ConsortiumMembership.objects.filter(member_id=instance.pk).values("consortium_id")
    ComplianceStanding.objects.filter(
        Q(organisation_id=instance.pk) | Q(organisation_id__in=consortia)
    ).delete()


def connect() -> None:
    for model in BY_ORGANISATION:
        post_save.connect(_forget_owner, sender=model, dispatch_uid=f"standings-{model}")
        post_delete.connect(_forget_owner, sender=model, dispatch_uid=f"standings-del-{model}")
    link = "registry.ConsortiumMembership"
    post_save.connect(_forget_link, sender=link, dispatch_uid="standings-link")
    post_delete.connect(_forget_link, sender=link, dispatch_uid="standings-del-link")
    post_save.connect(
        _forget_organisation, sender="registry.Organisation", dispatch_uid="standings-org"
    )
