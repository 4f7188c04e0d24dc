"""Saves the generated books in a few bulk inserts, with history rows dated when things happened.

``bulk_create`` writes no django-simple-history rows, so they are written here: the members'
book history then reads like the real thing (application, admission, exit on their own dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Model
from django.utils import timezone

from fragola.demo.book import Entry
from fragola.registry.models import Membership, Person, ShareMovement

CHANGE_REASON = "Dati dimostrativi (fragola demo)"
BATCH = 500

Stage = tuple[Model, dt.date, str, dict[str, Any]]


def at(day: dt.date) -> dt.datetime:
    """Mid-morning, Italian time, on ``day``: when the office records things."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def entries_save(entries: Sequence[Entry], extra_people: Sequence[Person] = ()) -> None:
    people = [*extra_people, *(entry.person for entry in entries)]
    Person.objects.bulk_create(people, batch_size=BATCH)
    memberships = [entry.membership for entry in entries]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    movements = [move for entry in entries for move in entry.movements]
    ShareMovement.objects.bulk_create(movements, batch_size=BATCH)
    today = timezone.localdate()
    person_stages: list[Stage] = [(person, today, "+", {}) for person in extra_people]
    person_stages += [(e.person, e.membership.applied_on, "+", {}) for e in entries]
    _history(Person, person_stages)
    _history(Membership, (row for m in memberships for row in _membership_stages(m)))
    _history(ShareMovement, ((m, m.date, "+", {}) for m in movements))


def _membership_stages(membership: Membership) -> list[Stage]:
    """The book line as it was on applying, then on admission or rejection, then on exit."""
    applied = {
        "admitted_on": None,
        "member_number": None,
        "rejected_on": None,
        "exited_on": None,
        "exit_reason": "",
    }
    stages: list[Stage] = [(membership, membership.applied_on, "+", applied)]
    if membership.rejected_on:
        stages.append((membership, membership.rejected_on, "~", {}))
    if membership.admitted_on:
        admitted = {"exited_on": None, "exit_reason": ""}
        stages.append((membership, membership.admitted_on, "~", admitted))
    if membership.exited_on:
        stages.append((membership, membership.exited_on, "~", {}))
    return stages


def _history(model: type[Model], stages: Iterable[Stage]) -> None:
    history_model = model.history.model  # type: ignore[attr-defined]
    fields = [field.attname for field in history_model.tracked_fields]
    rows = [
        history_model(
            history_date=at(day),
            history_type=kind,
            history_change_reason=CHANGE_REASON,
            **{name: overrides.get(name, getattr(instance, name)) for name in fields},
        )
        for instance, day, kind, overrides in stages
    ]
    history_model.objects.bulk_create(rows, batch_size=BATCH)
