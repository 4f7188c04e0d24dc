"""Helpers shared by the care views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils import timezone

from fragola.care.access import CarePerm, has_care_perm
from fragola.core.http import AuthedRequest
from fragola.registry.models import Organisation

T = TypeVar("T")


def attach_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (others on top)."""
    if not hasattr(form, "cleaned_data"):
        # An unbound form (a bare button such as "take" or "withdraw") has no cleaned data
        # yet, and ``add_error`` needs it.
        form.cleaned_data = {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def call_service(form: Form, fn: Callable[..., T], **kwargs: Any) -> T | None:
    """Call ``fn``; on a ValidationError put its messages on ``form`` and return None."""
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        attach_errors(form, exc)
        return None


def care_context(request: AuthedRequest, organisation: Organisation, tab: str) -> dict[str, Any]:
    request.organisation = organisation  # type: ignore[attr-defined]
    return {
        "organisation": organisation,
        "tab": tab,
        "can_manage": has_care_perm(request.user, organisation.pk, CarePerm.MANAGE),
    }


def parse_day(text: str | None, default: dt.date | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return default or timezone.localdate()


def flash_form_errors(request: AuthedRequest, form: Form) -> None:
    """Errors of a small inline form, shown as messages on the page it returns to."""
    from django.contrib import messages

    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
