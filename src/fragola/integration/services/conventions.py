"""The convention wizard's services: check a co-op against L5.1-L5.3 and record the convention.

The verdict and each criterion are stored with the convention as they stood on the day of the
check, so a later change of threshold does not rewrite what was decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

import fragola_law as law
from fragola.integration.models import Convention, ObjectKindChoice
from fragola.integration.wording import criterion_explain
from fragola.registry.models import Comune, Organisation

ERR_NOT_ELIGIBLE = _("The convention does not meet every requirement: see the criteria.")
ERR_OBJECT = _("Choose the object of the convention.")
ERR_VALUE = _("The value net of VAT must be more than zero.")
ERR_NO_THRESHOLD = _("No legal threshold is in force on this date: choose a later date.")


@dataclass(frozen=True, kw_only=True)
class ConventionData:
    public_body: str
    object_kind: str
    value_net_of_vat: Decimal
    checked_on: dt.date
    description: str = ""
    comune: Comune | None = None
    job_plan: File | None = None
    job_plan_summary: str = ""
    notice_reference: str = ""
    invitees: str = ""
    scoring: str = ""

    @property
    def has_job_plan(self) -> bool:
        return self.job_plan is not None or bool(self.job_plan_summary.strip())

    @property
    def selection_recorded(self) -> bool:
        parts = (self.notice_reference, self.invitees, self.scoring)
        return all(part.strip() for part in parts)


def convention_check(*, organisation: Organisation, data: ConventionData) -> law.Eligibility:
    if data.object_kind not in ObjectKindChoice.values:
        raise ValidationError({"object_kind": ERR_OBJECT})
    if data.value_net_of_vat <= 0:
        raise ValidationError({"value_net_of_vat": ERR_VALUE})
    try:
        return _eligibility(organisation, data)
    except law.NoValueInForce as exc:
        raise ValidationError({"checked_on": ERR_NO_THRESHOLD}) from exc


def _eligibility(organisation: Organisation, data: ConventionData) -> law.Eligibility:
    return law.convention_eligibility(
        on=data.checked_on,
        coop_type=organisation.type,
        register_section=organisation.register_section,
        register_number=organisation.register_number,
        object_kind=law.ObjectKind(data.object_kind),
        value_net_of_vat=data.value_net_of_vat,
        has_job_plan=data.has_job_plan,
        selection_recorded=data.selection_recorded,
    )


def criteria_json(result: law.Eligibility) -> list[dict[str, object]]:
    return [
        {
            "code": c.code,
            "rule": c.rule,
            "passed": c.passed,
            "finding": c.finding,
            "source": c.source,
            "facts": law.facts_to_json(c.facts),
        }
        for c in result.criteria
    ]


@transaction.atomic
def convention_record(*, organisation: Organisation, data: ConventionData) -> Convention:
    """Record a convention that passed the check (refused otherwise, with the failed criteria)."""
    result = convention_check(organisation=organisation, data=data)
    if not result.eligible:
        raise ValidationError(
            {"__all__": [ERR_NOT_ELIGIBLE, *(criterion_explain(c) for c in result.failed())]}
        )
    convention = Convention(
        organisation=organisation,
        public_body=data.public_body.strip(),
        comune=data.comune,
        object_kind=data.object_kind,
        description=data.description.strip(),
        value_net_of_vat=data.value_net_of_vat,
        checked_on=data.checked_on,
        job_plan_summary=data.job_plan_summary.strip(),
        notice_reference=data.notice_reference.strip(),
        invitees=data.invitees.strip(),
        scoring=data.scoring.strip(),
        eligible=True,
        criteria=criteria_json(result),
    )
    if data.job_plan is not None:
        convention.job_plan.save(data.job_plan.name or "job-plan", data.job_plan, save=False)
    convention.save()
    return convention
