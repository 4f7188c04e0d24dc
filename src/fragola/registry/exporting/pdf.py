"""A printable members' book: A4 landscape, one line per member, page numbers.

fpdf2 ships no Unicode font. If a Python package provides DejaVu Sans (matplotlib does), it is
used; otherwise the PDF core fonts (Windows-1252: every Italian accented letter, €, typographic
quotes) with any other character transliterated (``ł`` → ``l``) rather than lost or crashing.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from fragola.registry.models import Membership, Organisation

CORE_ENCODING = "windows-1252"
# Letters that Unicode does not decompose into a base letter and an accent.
PLAIN_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "\u0131": "i", "Ħ": "H", "ħ": "h"}
)
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
        pdf.cell(text=pdf.safe(_("No members on the book on this date.")))
    return bytes(pdf.output())


@cache
def unicode_font_path() -> Path | None:
    """DejaVu Sans from an installed Python package, if any (looked up once)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    return path if path.is_file() else None


def transliterate(text: str, encoding: str = CORE_ENCODING) -> str:
    """Keep what the core fonts can show; strip accents from the rest, or show ``?``."""
    out = []
    for char in unicodedata.normalize("NFC", text).translate(PLAIN_LETTERS):
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


class BookPDF(FPDF):
    def __init__(self, *, organisation: Organisation, as_of: dt.date) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.organisation = organisation
        self.as_of = as_of
        self.font_name = self._choose_font()
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(auto=True, margin=14)
        self.set_title(self.safe(f"{_('Members book')} · {organisation.name}"))
        self.columns = self._columns()

    def _choose_font(self) -> str:
        path = unicode_font_path()
        if path is None:
            self.core_fonts_encoding = CORE_ENCODING
            return "helvetica"
        self.add_font("dejavu", "", str(path))
        self.add_font("dejavu", "B", str(path.with_name("DejaVuSans-Bold.ttf")))
        return "dejavu"

    def safe(self, text: str) -> str:
        return text if self.font_name == "dejavu" else transliterate(text)

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
        self.set_font(self.font_name, "B", 14)
        title = f"{_('Members book')} · {self.organisation.name}"
        self.cell(text=self.safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.font_name, "", 9)
        subtitle = _("Fiscal code %(code)s · The book as it stood on %(day)s") % {
            "code": self.organisation.fiscal_code,
            "day": _date(self.as_of),
        }
        self.cell(text=self.safe(subtitle), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)
        self.set_font(self.font_name, "B", 8)
        self._row([column.title for column in self.columns], border="B")
        self.set_font(self.font_name, "", 8)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(self.font_name, "", 8)
        text = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, self.safe(text), align="C")

    def member_line(self, membership: Membership, as_of: dt.date) -> None:
        self._row(_member_texts(membership, as_of), border="")

    def _row(self, texts: Sequence[str], *, border: str) -> None:
        for column, text in zip(self.columns, texts, strict=True):
            self.cell(
                column.width,
                LINE_HEIGHT,
                self._fit(self.safe(text), column.width),
                border=border,
                align=column.align,
            )
        self.ln(LINE_HEIGHT)

    def _fit(self, text: str, width: float) -> str:
        """Cut a text that would overflow its column, with an ellipsis."""
        if self.get_string_width(text) <= width - 1:
            return text
        while text and self.get_string_width(text + "...") > width - 1:
            text = text[:-1]
        return text + "..."


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
