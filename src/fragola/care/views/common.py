"""Helpers shared by the care views."""

from __future__ import annotations

import datetime as dt

from django.forms import Form
from django.utils import timezone

from fragola.core.http import AuthedRequest


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
