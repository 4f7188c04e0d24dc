"""The members' book as rows of the import columns, as it stands today or stood on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet

from fragola.registry import selectors
from fragola.registry.exporting.writers import Cell
from fragola.registry.importing.columns import MEMBER_COLUMNS
from fragola.registry.models import Membership, Organisation


def book_rows_queryset(
    organisation: Organisation, filters: selectors.BookFilter
) -> QuerySet[Membership]:
    """The lines of the book page's filters, rejected applications left out (never in the book)."""
    return selectors.book_memberships(organisation, filters).filter(rejected_on__isnull=True)


def member_cells(membership: Membership, as_of: dt.date | None) -> list[Cell]:
    """One line in the order of ``MEMBER_COLUMNS``; an exit after ``as_of`` had not happened yet."""
    person = membership.person
    exited = membership.exited_on is not None and (as_of is None or membership.exited_on <= as_of)
    subscribed: Decimal = membership.shares_subscribed  # type: ignore[attr-defined]
    paid: Decimal = membership.shares_paid - membership.shares_refunded  # type: ignore[attr-defined]
    values: dict[str, Cell] = {
        "member_number": membership.member_number,
        "category": membership.category,
        "fiscal_code": person.fiscal_code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "legal_name": person.legal_name,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "comune_istat": person.comune.istat_code if person.comune else "",
        "email": person.email,
        "phone": person.phone,
        "applied_on": membership.applied_on,
        "admitted_on": membership.admitted_on,
        "exited_on": membership.exited_on if exited else None,
        "exit_reason": membership.exit_reason if exited else "",
        "shares_subscribed_eur": subscribed,
        "shares_paid_eur": paid,
    }
    return [values[column] for column in MEMBER_COLUMNS]


def book_lines(organisation: Organisation, filters: selectors.BookFilter) -> Iterator[list[Cell]]:
    for membership in book_rows_queryset(organisation, filters):
        yield member_cells(membership, filters.as_of)
