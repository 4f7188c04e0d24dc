"""Text as FatturaPA accepts it: Basic Latin and Latin-1 only (pure)."""

from __future__ import annotations

import re
import unicodedata

# Characters users type every day that Latin-1 lacks, with what the invoice says instead.
REPLACEMENTS = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (apostrophe)
    "\u201a": "'",
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u2026": "...",  # …
    "\u20ac": "EUR",  # euro sign
    "\u2022": "-",  # bullet
    "\u00a0": " ",  # no-break space (Latin-1, but a plain space reads the same)
    "\u0152": "OE",
    "\u0153": "oe",
    "\u2122": "TM",
}
_SPACES = re.compile(r"\s+")
UNKNOWN = "?"


def latin1(text: str, max_length: int | None = None) -> str:
    """``text`` in Latin-1, one line, trimmed to ``max_length`` characters.

    Known typographic characters become their plain form (the typographic apostrophe → "'",
    "€" → "EUR", "—" → "-");
    letters with marks Latin-1 lacks lose the mark ("ő" → "o", "č" → "c"); anything else
    becomes "?". Whitespace (newlines, tabs) collapses to single spaces.
    """
    out = []
    for char in text:
        if char in REPLACEMENTS:
            out.append(REPLACEMENTS[char])
        elif ord(char) < 256:
            out.append(char)
        else:
            out.append(_transliterate(char))
    result = _SPACES.sub(" ", "".join(out)).strip()
    result = "".join(c for c in result if c.isprintable())
    return result[:max_length] if max_length else result


def basic_latin(text: str, max_length: int | None = None) -> str:
    """Like `latin1` but ASCII only (the schema's String*Type without "Latin")."""
    return "".join(c if ord(c) < 128 else _transliterate(c) for c in latin1(text, max_length))


def _transliterate(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and all(ord(c) < 128 for c in base):
        return base
    return UNKNOWN
