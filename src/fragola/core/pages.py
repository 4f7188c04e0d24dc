"""What every organisation page shares: the organisation, the user's permissions there, the tab.

``page_context`` also records the organisation on the request, for the navigation bar
(``fragola.core.context_processors.tenancy``). Each permission of ``fragola.core.access.Perm``
the user holds there is a ``can_<permission>`` flag (``can_view_book``, ``can_manage_care``…).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.forms import Form
from django.utils import timezone

from fragola.core.access import Perm, perms_in
from fragola.core.http import AuthedRequest


def page_context(
    request: AuthedRequest, organisation: Model, tab: str = "", **extra: Any
) -> dict[str, Any]:
    request.organisation = organisation
    held = perms_in(request.user, organisation)
    context: dict[str, Any] = {"organisation": organisation, "tab": tab}
    context.update({f"can_{perm.value}": perm in held for perm in Perm})
    context.update(extra)
    return context


def parse_day(text: str | None, default: dt.date | None = None) -> dt.date:
    """A day from a query string (ISO), or ``default`` (today in Europe/Rome) if it is not one."""
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return default or timezone.localdate()


def flash_form_errors(request: AuthedRequest, form: Form) -> None:
    """Errors of a small inline form, shown as messages on the page it returns to."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
