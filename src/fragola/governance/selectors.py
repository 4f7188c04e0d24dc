"""Read queries: the board on a day, the assemblies, who may vote (G2, c.c. art. 2538)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from fragola.compliance.rules import params_at
from fragola.governance.models import Assembly, BoardSeat
from fragola.registry.models import Membership, Organisation


def board_on(organisation: Organisation, day: dt.date) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(organisation=organisation, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )


def member_category_on(seat: BoardSeat, day: dt.date) -> str | None:
    """The category of the director's admitted membership on ``day`` (None: not a member)."""
    membership = (
        Membership.objects.in_book_on(day)
        .filter(organisation_id=seat.organisation_id, person_id=seat.person_id)
        .order_by("-admitted_on")
        .first()
    )
    return membership.category if membership else None


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


def voters_count(assembly: Assembly) -> int:
    return voters_for(assembly).count()
