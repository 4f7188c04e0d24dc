"""Before a change is saved: would it newly breach a rule? (registry admissions and exits, hires
and ends of contract). A refused change names each rule and explains it in the user's language;
with an override reason it goes ahead and a ``ComplianceOverride`` records who, when and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from fragola.compliance import rules as r
from fragola.compliance.adapter import (
    MEMBER_CATEGORIES,
    ONE_DAY,
    load_facts,
    settings_of,
    snapshot_of,
)
from fragola.compliance.models import ChangeKind, ComplianceOverride
from fragola.compliance.rules.dates import month_end
from fragola.registry.hooks import Objection, PlannedChange

Change = Callable[[r.CoopSnapshot], r.CoopSnapshot]


def user_lang() -> r.result.Lang:
    return "en" if (translation.get_language() or "it").startswith("en") else "it"


def objection_for(result: r.RuleResult, lang: r.result.Lang) -> Objection:
    """The rule's explanation without its leading "<rule> (<source>): ", the source at the end."""
    prefix = f"{result.rule} ({result.source}): "
    text = result.explanation(lang).removeprefix(prefix)
    return Objection(rule=result.rule, message=f"{text} ({result.source})")


def full_window_end(on: dt.date) -> dt.date:
    """The month end when the 12-month L4.3 average first holds the change in every sample."""
    year, month = on.year + (on.month + 10) // 12, (on.month + 10) % 12 + 1
    return month_end(year, month)


def objections_if(organisation_id: int, on: dt.date, change: Change) -> list[Objection]:
    """The rules ``change`` would newly breach, on ``on`` or once the yearly average holds it.

    Point-in-time rules (L2.1, G1...) are decided on ``on``; averaged ones (L4.2 over 12 months)
    may only breach months later, when nothing else has changed: that is still refused now.
    """
    facts = load_facts([organisation_id])
    if organisation_id not in facts.orgs:
        return []
    settings = settings_of(facts, organisation_id)
    breached: dict[str, r.RuleResult] = {}
    for day in (on, full_window_end(on)):
        snapshot = snapshot_of(facts, organisation_id, day)
        for result in r.what_if(snapshot, change, settings=settings).newly_breached:
            breached.setdefault(result.rule, result)
    lang = user_lang()
    return [objection_for(result, lang) for result in breached.values()]


def schedule_scan(organisation_id: int) -> None:
    """Re-check the organisation (and raise alerts) once the change is committed."""
    from fragola.compliance.tasks import enqueue_scan

    transaction.on_commit(lambda: enqueue_scan(organisation_id))


def membership_change_check(change: PlannedChange) -> list[Objection]:
    """Registry ``ChangeCheck``: an admission or an exit that would newly breach a rule."""
    membership = change.membership
    schedule_scan(membership.organisation_id)
    if change.kind == "admit":
        member = r.Member(
            member_id=str(membership.pk),
            category=MEMBER_CATEGORIES[membership.category],
            admitted_on=change.on,
            natural_person=membership.category != "persona_giuridica",
        )
        return objections_if(membership.organisation_id, change.on, r.admit_member(member))
    # The registry's exit date is the first day off the book; the rules take the last day on it.
    leave = r.exit_member(str(membership.pk), change.on - ONE_DAY)
    return objections_if(membership.organisation_id, change.on, leave)


def membership_override_record(
    change: PlannedChange,
    objections: list[Objection],
    actor: AbstractBaseUser | None,
    reason: str,
) -> None:
    """Registry ``OverrideRecorder``."""
    override_record(
        organisation_id=change.membership.organisation_id,
        kind=ChangeKind.ADMIT if change.kind == "admit" else ChangeKind.EXIT,
        on=change.on,
        objections=objections,
        actor=actor,
        reason=reason,
        object_type="registry.membership",
        object_id=str(change.membership.pk),
    )


def override_record(
    *,
    organisation_id: int,
    kind: ChangeKind,
    on: dt.date,
    objections: list[Objection],
    actor: AbstractBaseUser | None,
    reason: str,
    object_type: str,
    object_id: str,
) -> ComplianceOverride:
    return ComplianceOverride.objects.create(
        organisation_id=organisation_id,
        actor=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
        reason=reason,
        rules=[o.rule for o in objections],
        messages=[f"{o.rule}: {o.message}" for o in objections],
        change_kind=kind,
        change_on=on,
        object_type=object_type,
        object_id=object_id,
    )


def vet(
    objections: list[Objection],
    *,
    field: str,
    override_reason: str,
    record: Callable[[str], object],
) -> None:
    """Refuse with the objections, or (given a reason) let the change through and record it."""
    if not objections:
        return
    if not override_reason.strip():
        raise ValidationError(
            {field: [f"{o.rule}: {o.message}" for o in objections]}, code="compliance"
        )
    record(override_reason.strip())
