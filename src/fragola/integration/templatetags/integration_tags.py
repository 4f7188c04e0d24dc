"""Template filters of the integration pages."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def ratio_pct(value: Fraction | Decimal | float | None) -> str:
    """A ratio as a percentage with one decimal in the user's language ("33,3 %")."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    text = f"{Decimal(value) * 100:.1f}"
    if (translation.get_language() or "it").startswith("it"):
        text = text.replace(".", ",")
    return f"{text} %"


@register.filter
def euro(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.2f}"
    if (translation.get_language() or "it").startswith("it"):
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


STATUS_LABELS = {
    "pass": _("met"),
    "breach": _("breached"),
    "warning": _("warning"),
    "not_applicable": _("not applicable"),
}


@register.filter
def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(str(value), value))
