"""Words for coordinators: the cost components, the solver's reasons and skills, clock times."""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Qualification, ServiceKind
from fragola_solver import Reason

DAY = 1440
WORKER_SKILL = "care"  # any worker: services that need no qualification


class _Span(Protocol):
    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...


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


def clock(minute: float) -> str:
    hours, minutes = divmod(round(minute) % DAY, 60)
    return f"{hours:02d}:{minutes:02d}"


def skill_label(skill: str) -> str:
    """A solver skill in the user's words."""
    if skill.startswith("volunteer:"):
        kind = skill.removeprefix("volunteer:")
        label = ServiceKind(kind).label if kind in ServiceKind.values else kind
        return gettext("volunteer for %(activity)s") % {"activity": str(label).lower()}
    if skill == WORKER_SKILL:
        return gettext("care worker")
    return str(Qualification(skill).label) if skill in Qualification.values else skill


def left_out_text(reason: Reason) -> str:
    """Why the solver left a visit out, worded for a coordinator."""
    skill = skill_label(reason.skill)
    if reason.code == "no_skill":
        return gettext("No available carer has the qualification it needs (%(skill)s).") % {
            "skill": skill
        }
    if reason.code == "all_refused":
        return gettext("Every available carer with the qualification it needs (%(skill)s) is one "
                  "the service user refused.") % {"skill": skill}  # fmt: skip
    if reason.code == "two_carers":
        return gettext("It needs two different carers and fewer are available.")
    if reason.code == "too_costly":
        return gettext("It is optional, and fitting it in would cost more than leaving it out.")
    return gettext(
        "No carer can fit it in: their shifts, the visit's time window and the other visits "
        "leave no room."
    )


def unavailable_text(carer: object, gap: _Span) -> str:
    return gettext(
        "Outside the availability of %(carer)s, who is not available from %(start)s to "
        "%(end)s that day. Assign it by hand."
    ) % {"carer": carer, "start": clock(gap.start), "end": clock(gap.end)}
