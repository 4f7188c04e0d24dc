"""Read queries: the board on a day, the assemblies, who may vote (G2, c.c. art. 2538)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from fragola.governance.models import Assembly, BoardSeat
from fragola.registry.models import Membership, Organisation
from fragola_law import params_at


def board_on(organisation: Organisation, day: dt.date) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(organisation=organisation, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )


def member_categories_on(
    organisation: Organisation, person_ids: Iterable[int], day: dt.date
) -> dict[int, str]:
    """Each director's category of admitted membership on ``day``, by person id (one query; a
    person who is not a member is missing). The latest admission wins."""
    rows = (
        Membership.objects.in_book_on(day)
        .filter(organisation=organisation, person_id__in=list(person_ids))
        .order_by("person_id", "admitted_on", "pk")
        .values_list("person_id", "category")
    )
    return dict(rows)


def upcoming_assemblies(organisation: Organisation, day: dt.date) -> QuerySet[Assembly]:
    return Assembly.objects.filter(organisation=organisation, held_on__gte=day).order_by(
        "held_on", "pk"
    )


def assemblies_between(
    organisation: Organisation, start: dt.date, end: dt.date
) -> QuerySet[Assembly]:
    return Assembly.objects.filter(
        organisation=organisation, held_on__gte=start, held_on__lte=end
    ).order_by("held_on", "pk")


def past_assemblies(organisation: Organisation, day: dt.date) -> QuerySet[Assembly]:
    return Assembly.objects.filter(organisation=organisation, held_on__lt=day).order_by(
        "-held_on", "-pk"
    )


def min_days_on_book(day: dt.date) -> int:
    return params_at(day).g2_min_days_on_book


def voters_for(assembly: Assembly) -> QuerySet[Membership]:
    """Members on the book on the day of the assembly and admitted ≥ 90 days before it."""
    latest_admission = assembly.held_on - dt.timedelta(days=min_days_on_book(assembly.held_on))
    return (
        Membership.objects.in_book_on(assembly.held_on)
        .filter(organisation_id=assembly.organisation_id, admitted_on__lte=latest_admission)
        .select_related("person")
        .order_by("member_number", "pk")
    )


def voters_counts(assemblies: Iterable[Assembly]) -> dict[int, int]:
    """How many may vote at each assembly, by assembly id, in one query (G2)."""
    assemblies = list(assemblies)
    counts = {
        f"a{assembly.pk}": Count(
            "pk",
            filter=Q(
                admitted_on__lte=assembly.held_on
                - dt.timedelta(days=min_days_on_book(assembly.held_on))
            )
            & (Q(exited_on__isnull=True) | Q(exited_on__gt=assembly.held_on)),
        )
        for assembly in assemblies
    }
    if not counts:
        return {}
    organisation_ids = {assembly.organisation_id for assembly in assemblies}
    totals = Membership.objects.filter(organisation_id__in=organisation_ids).aggregate(**counts)
    return {int(key[1:]): value for key, value in totals.items()}


def voters_count(assembly: Assembly) -> int:
    return voters_counts([assembly])[assembly.pk]
