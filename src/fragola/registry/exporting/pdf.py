"""A printable members' book: A4 landscape, one line per member, page numbers.

Built on ``fragola.core.pdf`` (its one shipped font draws every Italian letter, €, and the
names of other European alphabets).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from fragola.core.pdf import Document, transliterate
from fragola.registry.models import Membership, Organisation

__all__ = ["book_pdf", "transliterate"]

LINE_HEIGHT = 6.0


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "L"


def book_pdf(
    *, organisation: Organisation, memberships: Sequence[Membership], as_of: dt.date
) -> bytes:
    pdf = BookPDF(organisation=organisation, as_of=as_of)
    pdf.add_page()
    for membership in memberships:
        pdf.member_line(membership, as_of)
    if not memberships:
        pdf.text_line(_("No members on the book on this date."))
    return pdf.render()


class BookPDF(Document):
    def __init__(self, *, organisation: Organisation, as_of: dt.date) -> None:
        super().__init__(title=f"{_('Members book')} · {organisation.name}", landscape=True)
        self.organisation = organisation
        self.as_of = as_of
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(auto=True, margin=14)
        self.columns = self._columns()

    def _columns(self) -> list[Column]:
        return [
            Column(_("No."), 12, "R"),
            Column(_("Member"), 62),
            Column(_("Fiscal code"), 38),
            Column(_("Category"), 30),
            Column(_("Applied"), 22),
            Column(_("Admitted"), 22),
            Column(_("Exited"), 35),
            Column(_("Subscribed €"), 28, "R"),
            Column(_("Paid €"), 28, "R"),
        ]

    def header(self) -> None:
        self.style(14, bold=True)
        self.text_line(f"{_('Members book')} · {self.organisation.name}")
        self.style(9)
        subtitle = _("Fiscal code %(code)s · The book as it stood on %(day)s") % {
            "code": self.organisation.fiscal_code,
            "day": _date(self.as_of),
        }
        self.text_line(subtitle)
        self.ln(2)
        self.style(8, bold=True)
        self._row([column.title for column in self.columns], border="B")
        self.style(8)

    def footer(self) -> None:
        self.set_y(-10)
        self.style(8)
        text = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, text, align="C")

    def member_line(self, membership: Membership, as_of: dt.date) -> None:
        self._row(_member_texts(membership, as_of), border="")

    def _row(self, texts: Sequence[str], *, border: str) -> None:
        for column, text in zip(self.columns, texts, strict=True):
            self.cell(
                column.width,
                LINE_HEIGHT,
                self.fit(text, column.width),
                border=border,
                align=column.align,
            )
        self.ln(LINE_HEIGHT)


def _member_texts(membership: Membership, as_of: dt.date) -> list[str]:
    exited = membership.exited_on is not None and membership.exited_on <= as_of
    exit_text = (
        f"{_date(membership.exited_on)} {membership.get_exit_reason_display()}" if exited else ""
    )
    paid = membership.shares_paid - membership.shares_refunded  # type: ignore[attr-defined]
    return [
        str(membership.member_number or "—"),
        membership.person.display_name,
        membership.person.fiscal_code,
        str(membership.get_category_display()),
        _date(membership.applied_on),
        _date(membership.admitted_on),
        exit_text,
        _money(membership.shares_subscribed),  # type: ignore[attr-defined]
        _money(paid),
    ]


def _date(day: dt.date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _money(amount: Decimal) -> str:
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
