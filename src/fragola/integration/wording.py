"""Convention criteria (L. 381 art. 5; reserved contracts, D.Lgs 36/2023 art. 61) worded for
people, in the active language (gettext), numbers and dates formatted for it (Django's formats).

``fragola_law.conventions`` returns each criterion as a code, a finding and its facts; conventions
are work integration's (the wizard, its page, its API and the refusal of an ineligible
convention), so their sentences are written here, at integration's edge, as the compliance app
words the results of its own engine. No criterion is about a person: nothing here names anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fragola_law import Criterion

Facts = Mapping[str, Any]


def day(value: date) -> str:
    return formats.date_format(value, pgettext("date format of convention sentences", "Y-m-d"))


def euro(amount: Decimal) -> str:
    return "€ " + formats.number_format(amount, decimal_pos=2, force_grouping=True)


def _one_decimal_percent(value: Decimal) -> str:
    tenths = (value * 100).quantize(Decimal("0.1"), ROUND_HALF_EVEN)
    return formats.number_format(tenths, decimal_pos=1) + " %"


def _criterion_type(finding: str, f: Facts) -> str:
    if finding == "B":
        return _("type B co-op.")
    if finding == "AB":
        return _("mixed A+B co-op: the convention concerns the B branch.")
    if finding == "consortium":
        return _("consortium (art. 8), may sign if enrolled in the register.")
    return _("the co-op is type %(type)s: only type B may sign a convention.") % f


def _criterion_register(finding: str, f: Facts) -> str:
    if finding == "enrolled":
        return _("enrolled in the regional register, section %(section)s, no. %(number)s.") % f
    if finding == "no_number":
        return _("no regional register number.")
    return _("enrolled in section %(section)s; section %(wanted)s is required.") % {
        "section": f["section"] or "—",
        "wanted": "/".join(f["wanted"]),
    }


def _criterion_object(finding: str, f: Facts) -> str:
    if finding == "allowed":
        return _("the object is not a social-health or educational service.")
    return _("social-health and educational services are excluded from conventions.")


def _criterion_value(finding: str, f: Facts) -> str:
    if finding == "not_positive":
        return _("the value must be positive.")
    return _(
        "value net of VAT %(value)s %(op)s EU threshold %(threshold)s in force on %(day)s "
        "(%(source)s)."
    ) % {
        "value": euro(f["value"]),
        "op": "<" if f["below"] else "≥",
        "threshold": euro(f["threshold"]),
        "day": day(f["on"]),
        "source": f["threshold_source"],
    }


def _criterion_job_plan(finding: str, f: Facts) -> str:
    if finding == "attached":
        return _("job-creation plan attached.")
    return _("the job-creation plan is missing.")


def _criterion_selection(finding: str, f: Facts) -> str:
    if finding == "recorded":
        return _("selection procedure recorded (notice, invitees, scoring).")
    return _("record the selection procedure: notice, invitees and scoring.")


def _criterion_member(finding: str, f: Facts) -> str:
    values = {
        "name": f["name"],
        "share": _one_decimal_percent(f["share"]),
        "op": "≥" if f["reached"] else "<",
        "limit": _one_decimal_percent(f["limit"]),
    }
    if finding == "share_not_aim":
        return (
            _(
                "%(name)s: disadvantaged workers %(share)s %(op)s %(limit)s; work integration "
                "is not its main aim."
            )
            % values
        )
    return _("%(name)s: disadvantaged workers %(share)s %(op)s %(limit)s.") % values


CRITERIA: dict[str, Callable[[str, Facts], str]] = {
    "type": _criterion_type,
    "register": _criterion_register,
    "object": _criterion_object,
    "value": _criterion_value,
    "job_plan": _criterion_job_plan,
    "selection": _criterion_selection,
    "member": _criterion_member,
}


def criterion_sentence(criterion: Criterion) -> str:
    if criterion.code == "members":
        return _("no operator.")
    kind = criterion.code.split(":", 1)[0]
    return CRITERIA[kind](criterion.finding, criterion.facts)


def criterion_explain(criterion: Criterion) -> str:
    """``<rule> (<source>): <sentence>`` in the active language."""
    return f"{criterion.rule} ({criterion.source}): {criterion_sentence(criterion)}"
