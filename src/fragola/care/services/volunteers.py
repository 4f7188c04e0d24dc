"""What volunteers do themselves: take open tasks, log hours, claim documented expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fragola.care.models import (
    VOLUNTEER_KINDS,
    Carer,
    Expense,
    ExpenseStatus,
    ServiceKind,
    Visit,
    VisitStatus,
    VolunteerLog,
)
from fragola.care.services.visits import visit_assign
from fragola.core.uploads import document_kind

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
ERR_RECEIPT_KIND = _("The receipt must be a photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF.")
ERR_FUTURE_DAY = _("This day has not come yet.")
ERR_EXPENSE_DECIDED = _("This expense has already been approved or rejected.")
ERR_REJECT_REASON = _("Say why the expense is rejected.")
APPROVED_NOTE = _("approved by %(who)s on %(when)s")
REJECTED_NOTE = _("rejected by %(who)s on %(when)s: %(reason)s")
DESCRIPTION_MAX = 255
NOTE_SEPARATOR = " — "


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
    # The volunteer chooses the task: their declared availability does not stop them.
    return visit_assign(visit=visit, carer=volunteer, by=by, force=True)


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
    if day > timezone.localdate():
        raise ValidationError({"day": ERR_FUTURE_DAY})
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
    if day > timezone.localdate():
        raise ValidationError({"day": ERR_FUTURE_DAY})
    if receipt is None or not getattr(receipt, "name", ""):
        raise ValidationError({"receipt": ERR_RECEIPT_REQUIRED})
    if document_kind(receipt) is None:
        raise ValidationError({"receipt": ERR_RECEIPT_KIND})
    expense = Expense(carer=carer, day=day, amount=amount, description=description)
    expense.receipt.save(receipt.name or "receipt", receipt, save=False)
    expense.save()
    return expense


def _who(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _decide(expense: Expense, *, status: str, note: str) -> Expense:
    """Record the decision. ``Expense`` has no decided-by/at/why columns: the note (who, when,
    why) is appended to the description, which keeps the volunteer's own text whole."""
    locked = Expense.objects.select_for_update().get(pk=expense.pk)
    if locked.status != ExpenseStatus.CLAIMED:
        raise ValidationError({"status": ERR_EXPENSE_DECIDED})
    room = DESCRIPTION_MAX - len(locked.description) - len(NOTE_SEPARATOR)
    suffix = f"{NOTE_SEPARATOR}{note[: max(room, 0)]}" if room > 0 else ""
    expense.status = status
    expense.description = f"{locked.description}{suffix}"
    expense.save(update_fields=["status", "description", "updated_at"])
    return expense


@transaction.atomic
def expense_approve(*, expense: Expense, by: User) -> Expense:
    """A coordinator approves a claimed expense (its receipt checked)."""
    when = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    note = APPROVED_NOTE % {"who": _who(by), "when": when}
    return _decide(expense, status=ExpenseStatus.APPROVED, note=str(note))


@transaction.atomic
def expense_reject(*, expense: Expense, by: User, reason: str) -> Expense:
    """A coordinator rejects a claimed expense, saying why (the volunteer sees it)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": ERR_REJECT_REASON})
    when = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    note = REJECTED_NOTE % {"who": _who(by), "when": when, "reason": reason}
    return _decide(expense, status=ExpenseStatus.REJECTED, note=str(note))
