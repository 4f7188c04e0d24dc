"""Before a change is saved: would it breach a rule, or breach it further? The one vetter.

Every app describes its change with plain values (``fragola.core.vetting.PlannedChange``) and
calls ``fragola.core.vetting.vet_change`` in the transaction that saves it; this module is the
vetter behind it (the setting ``FRAGOLA_CHANGE_VETTER`` names ``ComplianceVetter``). It locks
the organisation's row first, so that vetting and saving are one serialised step per co-op (two
simultaneous admissions cannot both pass on the same book), then compares the rules before and
after the change. A refused change names each rule and explains it in the user's language; with
an override reason it goes ahead and a ``ComplianceOverride`` records who, when and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import connection, transaction

import fragola_law as r
from fragola.compliance.adapter import (
    CONTRACTS,
    MEMBER_CATEGORIES,
    ONE_DAY,
    Facts,
    evaluate_all,
    load_facts,
    settings_of,
    snapshot_of,
)
from fragola.compliance.models import ChangeKind, ComplianceOverride
from fragola.compliance.standings import refresh_after_commit
from fragola.compliance.wording import Objection, explain_in, objection_for
from fragola.core.vetting import PlannedChange
from fragola.registry.models import Organisation
from fragola_law import month_end

KINDS: dict[str, ChangeKind] = {
    "admit": ChangeKind.ADMIT,
    "exit": ChangeKind.EXIT,
    "hire": ChangeKind.HIRE,
    "end": ChangeKind.END,
}


def lock_organisation(organisation_id: int) -> None:
    """Hold the organisation's row until the transaction ends.

    PostgreSQL: ``SELECT ... FOR UPDATE`` makes a second vetting of the same co-op wait until
    the first one has saved (or given up). SQLite has no row locks; Fragola opens every
    transaction there with ``BEGIN IMMEDIATE`` (see settings), which takes the database's write
    lock at once, so the whole step is serialised already.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_organisation needs a transaction")  # a programming error
    list(Organisation.objects.select_for_update().filter(pk=organisation_id).values_list("pk"))


def full_window_end(on: dt.date) -> dt.date:
    """The month end when the 12-month L4.3 average first holds the change in every sample."""
    year, month = on.year + (on.month + 10) // 12, (on.month + 10) % 12 + 1
    return month_end(year, month)


def rules_change(change: PlannedChange, facts: Facts) -> r.whatif.Change:
    """The planned change as a transformation of the rules' snapshot."""
    if change.kind == "admit":
        member = r.Member(
            member_id=str(change.subject_id),
            category=MEMBER_CATEGORIES[change.member_category],
            admitted_on=change.on,
            natural_person=change.member_category != "persona_giuridica",
        )
        return r.admit_member(member)
    if change.kind == "exit":
        # The registry's exit date is the first day off the book; the rules take the last day on it.
        return r.exit_member(str(change.subject_id), change.on - ONE_DAY)
    person = str(change.person_id)
    if change.kind == "end":
        return r.end_employment(person, change.on)
    key = (change.organisation_id, change.person_id or 0)
    return r.hire(
        r.Employment(
            person_id=person,
            start=change.on,
            end=change.ended_on,
            branch=r.Branch(change.branch),
            contract=CONTRACTS[change.contract],
            is_member=bool(change.is_member),
            certificates=tuple(facts.certificates.get(key, ())),
        )
    )


def blocking_results(change: PlannedChange) -> list[r.RuleResult]:
    """The rules ``change`` would newly breach, or breach further, on its day or a year on.

    Point-in-time rules (L2.1, G1...) are decided on the day; averaged ones (L4.2 over 12
    months) may only breach months later, when nothing else has changed: that is refused now.
    """
    org_id = change.organisation_id
    facts = load_facts([org_id])
    if org_id not in facts.orgs:
        return []
    settings = settings_of(facts, org_id)
    apply = rules_change(change, facts)
    breached: dict[str, r.RuleResult] = {}
    for day in (change.on, full_window_end(change.on)):
        snapshot = snapshot_of(facts, org_id, day)
        for result in r.what_if(snapshot, apply, settings=settings).blocking:
            breached.setdefault(result.rule, result)
    return list(breached.values())


def override_record(
    *, change: PlannedChange, objections: list[Objection], actor_id: int | None, reason: str
) -> ComplianceOverride:
    return ComplianceOverride.objects.create(
        organisation_id=change.organisation_id,
        actor_id=actor_id,
        reason=reason,
        rules=[o.rule for o in objections],
        messages=[f"{o.rule}: {o.message}" for o in objections],
        change_kind=KINDS[change.kind],
        change_on=change.on,
        object_type=change.subject_type,
        object_id=str(change.subject_id),
    )


def schedule_scan(organisation_id: int) -> None:
    """Re-check the organisation once the change is committed: its stored results at once
    (the consortium's pages read them), its alerts (and their e-mails) in the background."""
    from fragola.compliance.tasks import enqueue_scan  # tasks import services, which import us

    refresh_after_commit(organisation_id)
    transaction.on_commit(lambda: enqueue_scan(organisation_id))


class ComplianceVetter:
    """The vetter behind ``fragola.core.vetting`` (named by ``FRAGOLA_CHANGE_VETTER``)."""

    def vet(
        self, change: PlannedChange, *, actor_id: int | None, override_reason: str, field: str
    ) -> None:
        lock_organisation(change.organisation_id)
        schedule_scan(change.organisation_id)
        objections = [objection_for(result) for result in blocking_results(change)]
        if not objections:
            return
        reason = override_reason.strip()
        if not reason:
            raise ValidationError(
                {field: [f"{o.rule}: {o.message}" for o in objections]}, code="compliance"
            )
        override_record(change=change, objections=objections, actor_id=actor_id, reason=reason)

    def recheck(self, organisation_id: int) -> None:
        schedule_scan(organisation_id)

    def breaches_on(
        self, organisation_id: int, days: Sequence[dt.date], beat: Callable[[int], None]
    ) -> list[dict[str, str]]:
        """The rules in breach on each day, worded in English (the import report's language)."""
        facts = load_facts([organisation_id])
        breached: list[dict[str, str]] = []
        for index, day in enumerate(days):
            beat(100 * index // len(days))
            results = evaluate_all(day, [organisation_id], facts=facts).get(organisation_id, [])
            breached.append(
                {x.rule: explain_in("en", x) for x in results if x.status is r.Status.BREACH}
            )
        return breached
