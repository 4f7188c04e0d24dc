"""Each co-op's latest result by every rule, stored so that a consortium's pages only read.

A consortium's board and alerts show a hundred member co-ops; evaluating them all on every
request took half a second at scale. Instead every scan (nightly, and after each vetted change)
stores its results as ``ComplianceStanding`` rows, and a change to any fact the rules read
removes the co-op's rows at once, in the transaction that makes it (``compliance.signals``).
Readers take the rows stored for the day asked; a co-op without them (never checked, changed
since, or checked on another day) is evaluated there and then. Either way the number of
queries does not grow with the number of co-ops.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone

import fragola_law as r
from fragola.compliance.adapter import evaluate_all
from fragola.compliance.models import RESULT_FIELDS, ComplianceStanding, result_of

FACTS_AT = RESULT_FIELDS.index("facts")
WHOLE_COUNTRY = 5000  # above this many co-ops, one unscoped delete rather than an IN list


@dataclass(frozen=True)
class Standing:
    """A co-op's results on a day, and when they were worked out."""

    results: list[r.RuleResult]
    checked_at: dt.datetime
    stored: bool  # read from the last check (False: evaluated for this request)


# What a later check rewrites in place: the result (its rule is the row's key) and when.
UPDATED_FIELDS = [*(f for f in RESULT_FIELDS if f != "rule"), "position", "as_of", "checked_at"]


def standings_store(*, results: dict[int, list[r.RuleResult]], as_of: dt.date) -> int:
    """Replace the stored results of the co-ops in ``results``; returns the rows written."""
    now = timezone.now()
    rows = [
        ComplianceStanding.of(org_id, position, result, as_of=as_of, at=now)
        for org_id, org_results in results.items()
        for position, result in enumerate(org_results)
    ]
    with transaction.atomic():
        stored = ComplianceStanding.objects.all()
        if len(results) <= WHOLE_COUNTRY:
            stored = stored.filter(organisation_id__in=list(results))
        stored.delete()
        # Two refreshes of one co-op may run at once (two changes committed together): the later
        # one's rows replace the earlier one's instead of colliding with them.
        ComplianceStanding.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["organisation", "rule"],
            update_fields=UPDATED_FIELDS,
        )
    return len(rows)


def standings_refresh(*, org_ids: Collection[int], today: dt.date | None = None) -> None:
    """Evaluate ``org_ids`` today and store their results (after a change is saved)."""
    day = today or timezone.localdate()
    standings_store(results=evaluate_all(day, org_ids), as_of=day)


def standings_forget(*, org_ids: Collection[int]) -> None:
    """Drop the stored results of ``org_ids``: one of their facts has just changed."""
    ComplianceStanding.objects.filter(organisation_id__in=list(org_ids)).delete()


def refresh_after_commit(organisation_id: int) -> None:
    """Forget the co-op's results now and store fresh ones once the change is committed."""
    standings_forget(org_ids=[organisation_id])
    transaction.on_commit(lambda: standings_refresh(org_ids=[organisation_id]), robust=True)


def standings_of(
    *,
    org_ids: Collection[int],
    as_of: dt.date,
    with_facts: bool = True,
    status: r.Status | None = None,
) -> dict[int, Standing]:
    """Every co-op's results on ``as_of``: stored ones where fresh, the others evaluated now.

    Two queries when every co-op has its results stored for the day, plus the adapter's few
    for all those that have not, whatever their number. ``with_facts=False`` leaves the stored
    results' facts unread (what a result's sentence is worded from): for a reader that shows
    statuses and numbers only, such as a board of a thousand cells. With ``status`` each co-op's
    results are only those with that status (the breaches, for a list of co-ops in breach).
    """
    fields = RESULT_FIELDS if with_facts else tuple(f for f in RESULT_FIELDS if f != "facts")
    # A co-op's rows are written together, at one time: read it from its first row only.
    first_checked = Case(When(position=0, then=F("checked_at")))
    stored = ComplianceStanding.objects.filter(organisation_id__in=list(org_ids), as_of=as_of)
    if status is not None:  # and each co-op's first row, which tells it was checked, and when
        stored = stored.filter(Q(position=0) | Q(status=status.value))
    rows = stored.order_by("organisation_id", "position").values_list(
        "organisation_id", first_checked, *fields
    )
    found: dict[int, list[r.RuleResult]] = defaultdict(list)
    checked: dict[int, dt.datetime] = {}
    for org_id, checked_at, *values in rows:  # plain rows: a thousand cells on a board
        if not with_facts:
            values.insert(FACTS_AT, {})
        result = result_of(*values)
        if status is None or result.status is status:
            found[org_id].append(result)
        if checked_at is not None:
            checked[org_id] = checked_at
    standings = {
        org_id: Standing(found[org_id], checked[org_id], True)
        for org_id in org_ids
        if org_id in checked  # rows without their first are not a whole check: worked out
    }
    missing = [org_id for org_id in org_ids if org_id not in standings]
    if missing:
        now = timezone.now()
        for org_id, results in evaluate_all(as_of, missing).items():
            if status is not None:
                results = [x for x in results if x.status is status]
            standings[org_id] = Standing(results, now, False)
    return standings
