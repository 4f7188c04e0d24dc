"""PDF documents: one builder (fpdf2) with one font, shipped as a Python package.

The font is Source Sans Pro (SIL Open Font License) from the ``font-source-sans-pro`` wheel:
it covers Italian and the other European alphabets, €, typographic quotes and signs such as
≥. A character it lacks (a name in another script) is printed as its base letter, or ``?``,
rather than lost or crashing.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib.resources import files
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_PACKAGE = "font_source_sans_pro"
FONT = "sourcesans"
CORE_ENCODING = "windows-1252"
# Letters that Unicode does not decompose into a base letter and an accent.
PLAIN_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "\u0131": "i", "Ħ": "H", "ħ": "h"}
)


def font_file(style: str = "Regular") -> Path:
    return Path(str(files(FONT_PACKAGE) / "files" / f"SourceSansPro-{style}.ttf"))


@cache
def font_characters() -> frozenset[int]:
    """The code points the shipped font draws (read once)."""
    with TTFont(font_file(), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fallback(char: str) -> str:
    base = unicodedata.normalize("NFKD", char.translate(PLAIN_LETTERS))
    return base.encode("ascii", "ignore").decode() or "?"


def printable(text: str) -> str:
    """The text as the shipped font can draw it."""
    known = font_characters()
    chars = unicodedata.normalize("NFC", text)
    return "".join(c if ord(c) in known or c.isspace() else _fallback(c) for c in chars)


def transliterate(text: str, encoding: str = CORE_ENCODING) -> str:
    """Keep what ``encoding`` can hold; strip accents from the rest, or show ``?``."""
    out = []
    for char in unicodedata.normalize("NFC", text).translate(PLAIN_LETTERS):
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            out.append(_fallback(char))
    return "".join(out)


class Document(FPDF):
    """An A4 document in the shipped font; ``text_line`` and ``paragraph`` take any text."""

    def __init__(self, *, title: str, landscape: bool = False) -> None:
        super().__init__(orientation="landscape" if landscape else "portrait", format="A4")
        self.add_font(FONT, "", str(font_file()))
        self.add_font(FONT, "B", str(font_file("Bold")))
        self.set_font(FONT, "", 10)
        self.set_title(printable(title))

    def style(self, size: float, *, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def text_line(self, text: str, height: float = 6) -> None:
        """One line of text, then the next line."""
        self.cell(text=printable(text), h=height, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, height: float = 5) -> None:
        """Text wrapped over the width of the page, then the next line."""
        self.multi_cell(0, height, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fit(self, text: str, width: float) -> str:
        """The text, cut with an ellipsis if it would overflow ``width``."""
        text = printable(text)
        if self.get_string_width(text) <= width - 1:
            return text
        while text and self.get_string_width(text + "…") > width - 1:
            text = text[:-1]
        return text + "…"

    def render(self) -> bytes:
        return bytes(self.output())
