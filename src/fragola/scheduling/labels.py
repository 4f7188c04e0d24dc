"""Translatable names of the cost components shown to coordinators."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COMPONENTS = {
    "objective": _("Total cost"),
    "violations": _("Broken rules"),
    "travel": _("Travel (minutes)"),
    "tardiness": _("Lateness (minutes)"),
    "max_tardiness": _("Worst lateness"),
    "overtime": _("Overtime and hours over contract"),
    "preference": _("Visits by a carer who is not the usual one"),
    "left_out": _("Volunteer tasks without a volunteer"),
    "fairness": _("Unequal workloads"),
    "waiting": _("Waiting"),
    "max_idle": _("Longest idle time"),
    "missed_break": _("Missed breaks"),
    "continuity": _("Extra carers per service user"),
}


def breakdown_rows(breakdown: dict[str, float]) -> list[tuple[str, float]]:
    """Non-zero components in a fixed order, the total last."""
    rows = [
        (str(label), breakdown.get(key, 0.0))
        for key, label in COMPONENTS.items()
        if key not in {"objective", "violations"} and breakdown.get(key)
    ]
    if "objective" in breakdown:
        rows.append((str(COMPONENTS["objective"]), breakdown["objective"]))
    return rows


def label_of(key: str) -> str:
    return str(COMPONENTS.get(key, key))
