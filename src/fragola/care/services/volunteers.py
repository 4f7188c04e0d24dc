"""What volunteers do themselves: take open tasks, log hours, claim documented expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.care.models import (
    VOLUNTEER_KINDS,
    Carer,
    Expense,
    ServiceKind,
    Visit,
    VisitStatus,
    VolunteerLog,
)
from fragola.care.services.visits import visit_assign

ERR_NOT_A_VOLUNTEER = _("Only volunteers log volunteer hours and expenses.")
ERR_TASK_TAKEN = _("This task is no longer open.")
ERR_NOT_A_TASK = _("This visit is not a volunteer task.")
ERR_HOURS_RANGE = _("Log between a few minutes and 24 hours.")
ERR_RECEIPT_REQUIRED = _(
    "Only documented expenses can be reimbursed: attach the receipt. Flat payments to "
    "volunteers are not allowed (L. 381/1991 art. 2(4), rule L2.3)."
)
ERR_ACTIVITY_NOT_COMPLEMENTARY = _(
    "Volunteers give complementary services only (companionship, transport), never "
    "professional care (L. 381/1991 art. 2(5), rule L2.4)."
)
ERR_AMOUNT_POSITIVE = _("The amount must be more than zero.")


def _require_volunteer(carer: Carer) -> None:
    if not carer.is_volunteer:
        raise ValidationError({"carer": ERR_NOT_A_VOLUNTEER})


@transaction.atomic
def volunteer_task_take(*, visit: Visit, volunteer: Carer, by: User) -> Visit:
    """A volunteer takes an open task: the same checks as an assignment (L2.2 insurance…)."""
    _require_volunteer(volunteer)
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if not locked.is_volunteer_task:
        raise ValidationError({"visit": ERR_NOT_A_TASK})
    if locked.status != VisitStatus.PLANNED:
        raise ValidationError({"visit": ERR_TASK_TAKEN})
    visit.status, visit.carer_id = locked.status, locked.carer_id
    return visit_assign(visit=visit, carer=volunteer, by=by)


@transaction.atomic
def volunteer_hours_log(
    *,
    carer: Carer,
    day: dt.date,
    hours: Decimal,
    activity: str = ServiceKind.COMPANIONSHIP,
    note: str = "",
) -> VolunteerLog:
    _require_volunteer(carer)
    if activity not in VOLUNTEER_KINDS:
        raise ValidationError({"activity": ERR_ACTIVITY_NOT_COMPLEMENTARY})
    if not Decimal("0.05") <= hours <= Decimal("24"):
        raise ValidationError({"hours": ERR_HOURS_RANGE})
    return VolunteerLog.objects.create(
        carer=carer, day=day, hours=hours, activity=activity, note=note
    )


@transaction.atomic
def expense_claim(
    *,
    carer: Carer,
    day: dt.date,
    amount: Decimal,
    description: str,
    receipt: File | None,
) -> Expense:
    """L2.3: only documented actual expenses; a claim without a receipt is refused."""
    _require_volunteer(carer)
    if amount <= 0:
        raise ValidationError({"amount": ERR_AMOUNT_POSITIVE})
    if receipt is None or not getattr(receipt, "name", ""):
        raise ValidationError({"receipt": ERR_RECEIPT_REQUIRED})
    expense = Expense(carer=carer, day=day, amount=amount, description=description)
    expense.receipt.save(receipt.name or "receipt", receipt, save=False)
    expense.save()
    return expense
