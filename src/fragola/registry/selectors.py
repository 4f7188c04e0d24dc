"""Reads of the registry, scoped by the acting user through ``fragola.registry.access``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from fragola.core.access import Perm, UserLike, access_organisation
from fragola.core.importing.breach import Breach
from fragola.core.importing.breaches import non_null, past_breaches
from fragola.registry.models import (
    ConsortiumMembership,
    MemberCategory,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    ShareMovement,
    ShareMovementKind,
)

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


def _capital(kind: str, day: dt.date | None) -> Coalesce:
    movements = ShareMovement.objects.filter(membership=OuterRef("pk"), kind=kind)
    if day is not None:
        movements = movements.filter(date__lte=day)
    total = movements.values("membership").annotate(total=Sum("amount")).values("total")
    return Coalesce(
        Subquery(total, output_field=DecimalField(max_digits=12, decimal_places=2)), ZERO
    )


def with_capital(memberships: QuerySet[Membership], day: dt.date | None) -> QuerySet[Membership]:
    """Annotate subscribed, paid and refunded capital as of ``day`` (all of it if None)."""
    return memberships.annotate(
        shares_subscribed=_capital(ShareMovementKind.SUBSCRIPTION, day),
        shares_paid=_capital(ShareMovementKind.PAYMENT, day),
        shares_refunded=_capital(ShareMovementKind.REFUND, day),
    )


@dataclass(frozen=True, kw_only=True)
class BookFilter:
    as_of: dt.date | None = None
    category: str = ""
    status: str = ""
    search: str = ""


def book_memberships(organisation: Organisation, filters: BookFilter) -> QuerySet[Membership]:
    """The members' book of one organisation, optionally as it stood on a date."""
    book = Membership.objects.filter(organisation=organisation)
    if filters.as_of is not None:
        book = book.in_book_on(filters.as_of)
    rows: QuerySet[Membership] = book.select_related("person", "person__comune")
    rows = _filter_status(rows, filters.status)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.search:
        term = filters.search.strip()
        matches = (
            Q(person__last_name__icontains=term)
            | Q(person__first_name__icontains=term)
            | Q(person__legal_name__icontains=term)
            | Q(person__fiscal_code__icontains=term)
        )
        if term.isdecimal():
            matches |= Q(member_number=int(term))
        rows = rows.filter(matches)
    return with_capital(rows, filters.as_of).order_by("member_number", "applied_on", "pk")


def _filter_status(rows: QuerySet[Membership], status: str) -> QuerySet[Membership]:
    if status == MembershipStatus.ADMITTED:
        return rows.filter(admitted_on__isnull=False, exited_on__isnull=True)
    if status == MembershipStatus.APPLIED:
        return rows.filter(admitted_on__isnull=True, rejected_on__isnull=True)
    if status == MembershipStatus.REJECTED:
        return rows.filter(admitted_on__isnull=True, rejected_on__isnull=False)
    if status == MembershipStatus.EXITED:
        return rows.filter(exited_on__isnull=False)
    return rows


def member_list(
    *, user: UserLike, organisation_id: int, filters: BookFilter
) -> tuple[Organisation, QuerySet[Membership]]:
    organisation = access_organisation(user, organisation_id, Perm.VIEW_BOOK)
    return organisation, book_memberships(organisation, filters)


def category_counts(organisation: Organisation, day: dt.date) -> dict[str, int]:
    """Members on the book on ``day`` by category, every category present (zero if none)."""
    counts = dict(
        Membership.objects.filter(organisation=organisation)
        .in_book_on(day)
        .values_list("category")
        .annotate(n=Count("pk"))
    )
    return {category: counts.get(category, 0) for category in MemberCategory.values}


def consortium_members(consortium: Organisation, day: dt.date) -> QuerySet[ConsortiumMembership]:
    return (
        ConsortiumMembership.objects.filter(consortium=consortium, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("member", "member__comune__province")
        .order_by("member__name")
    )


def consortia_of(organisation: Organisation, day: dt.date) -> QuerySet[ConsortiumMembership]:
    return (
        ConsortiumMembership.objects.filter(member=organisation, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("consortium")
    )


def book_history(organisation: Organisation) -> QuerySet[Membership]:
    """Every recorded change to the organisation's book, newest first."""
    history_model = Membership.history.model
    return (
        history_model.objects.filter(organisation_id=organisation.pk)
        .select_related("history_user", "person")
        .order_by("-history_date", "-history_id")
    )


def people_list(
    *, organisation: Organisation, search: str = "", kind: str = ""
) -> QuerySet[Person]:
    """The people a co-op knows (members, workers, directors…), by name; ``search`` matches
    names and the fiscal code."""
    people = Person.objects.filter(organisation=organisation)
    if kind:
        people = people.filter(kind=kind)
    if search:
        people = people.filter(
            Q(last_name__icontains=search)
            | Q(first_name__icontains=search)
            | Q(legal_name__icontains=search)
            | Q(fiscal_code__iexact=search)
        )
    return people.order_by("last_name", "first_name", "legal_name", "pk")


def organisation_login(*, organisation_id: int, username: str) -> User | None:
    """The login ``username`` if it holds a role in this organisation, else None.

    Logins of other organisations stay invisible: the answer is the same whether the user name
    exists elsewhere or nowhere, so it cannot be used to probe another tenant's users.
    """
    found = get_user_model().objects.filter(
        username=username, fragola_roles__organisation_id=organisation_id
    )
    return found.distinct().first()


def organisation_by_fiscal_code(fiscal_code: str) -> Organisation | None:
    """The organisation with this fiscal code (spaces and case do not matter), for commands."""
    return Organisation.objects.filter(fiscal_code="".join(fiscal_code.split()).upper()).first()


def book_past_breaches(
    organisation: Organisation,
    *,
    today: dt.date,
    events: Iterable[dt.date] = (),
    beat: Callable[[int], None] = lambda percent: None,
) -> list[Breach]:
    """Every rule in breach at some point of the book's history up to ``today``, with when.

    The book is checked on the days it changes (admissions and exits); ``events`` adds the days
    other facts change (a workers' import gives its contracts').
    """
    book = Membership.objects.filter(organisation=organisation)
    changes = non_null(
        [
            *book.values_list("admitted_on", flat=True).distinct(),
            *book.values_list("exited_on", flat=True).distinct(),
        ]
    )
    return past_breaches(
        organisation.pk, today=today, events={*changes, *events}, size=book.count, beat=beat
    )
