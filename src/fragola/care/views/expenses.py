"""Coordinators approve or reject the volunteers' expenses; receipts are served to whom may see
them (the co-op's coordinators and the volunteer who claimed), never from a public URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_care, access_expense, has_care_perm
from fragola.care.forms import ExpenseRejectForm
from fragola.care.models import Expense, ExpenseStatus
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest
from fragola.core.pages import flash_form_errors, page_context

EXPENSES_PER_PAGE = 200


def _managed_expense(request: AuthedRequest, organisation_id: int, expense_id: int) -> Expense:
    expense = access_expense(request.user, expense_id, CarePerm.MANAGE)
    if expense.carer.organisation_id != organisation_id:
        raise Http404("No such expense")
    return expense


def _back(organisation_id: int, status: str) -> HttpResponse:
    url = reverse("care_expenses", args=[organisation_id])
    return redirect(f"{url}?status={status}" if status else url)


@login_required
def expense_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_care(request.user, organisation_id, CarePerm.MANAGE)
    status = request.GET.get("status", ExpenseStatus.CLAIMED)
    status = status if status in ExpenseStatus.values else ""
    expenses = selectors.expense_list(organisation=organisation, status=status)
    context = page_context(request, organisation, "expenses")
    context.update(
        expenses=expenses[:EXPENSES_PER_PAGE],
        status=status,
        statuses=ExpenseStatus.choices,
        reject_form=ExpenseRejectForm(),
    )
    return render(request, "care/expenses.html", context)


@login_required
@require_POST
def expense_approve(request: AuthedRequest, organisation_id: int, expense_id: int) -> HttpResponse:
    expense = _managed_expense(request, organisation_id, expense_id)
    form = ExpenseRejectForm()
    if call_service(form, services.expense_approve, expense=expense, by=request.user) is not None:
        messages.success(request, _("Expense approved."))
    flash_form_errors(request, form)
    return _back(organisation_id, request.POST.get("status", ExpenseStatus.CLAIMED))


@login_required
@require_POST
def expense_reject(request: AuthedRequest, organisation_id: int, expense_id: int) -> HttpResponse:
    expense = _managed_expense(request, organisation_id, expense_id)
    form = ExpenseRejectForm(request.POST)
    if (
        form.is_valid()
        and call_service(
            form,
            services.expense_reject,
            expense=expense,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        is not None
    ):
        messages.success(request, _("Expense rejected."))
    flash_form_errors(request, form)
    return _back(organisation_id, request.POST.get("status", ExpenseStatus.CLAIMED))


@login_required
def expense_receipt(
    request: AuthedRequest, organisation_id: int, expense_id: int
) -> HttpResponseBase:
    perm = (
        CarePerm.MANAGE
        if has_care_perm(request.user, organisation_id, CarePerm.MANAGE)
        else CarePerm.VOLUNTEER
    )
    expense = access_expense(request.user, expense_id, perm)
    if expense.carer.organisation_id != organisation_id:
        raise Http404("No such expense")
    try:
        handle = expense.receipt.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("No receipt") from exc
    name = (expense.receipt.name or "receipt").rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=False, filename=name)
