"""Number, percentage and date formatting for Italian and English explanations."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .result import Lang, Number


def num(value: Number, lang: Lang) -> str:
    """An integer when whole, otherwise up to two decimals ("4,5" in Italian, "4.5" in English)."""
    if Fraction(value).denominator == 1:
        return str(int(value))
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "it" else text


def pct(value: Number, lang: Lang, threshold: Number | None = None) -> str:
    """A percentage with one decimal, or more when one decimal would hide a gap to the threshold."""
    if (Fraction(value) * 100).denominator == 1:
        whole = str(int(Fraction(value) * 100))
        return f"{whole} %" if lang == "it" else f"{whole}%"
    digits = 1
    while threshold is not None and value != threshold and digits < 4:
        if round(float(value) * 100, digits) != round(float(threshold) * 100, digits):
            break
        digits += 1
    text = f"{float(value) * 100:.{digits}f}"
    return f"{text.replace('.', ',')} %" if lang == "it" else f"{text}%"


def day(value: date, lang: Lang) -> str:
    return value.strftime("%d/%m/%Y") if lang == "it" else value.isoformat()
