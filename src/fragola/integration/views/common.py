"""Shared by the integration pages: the organisation's context and service errors on forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from fragola.integration import access
from fragola.registry.access import Perm, has_perm
from fragola.registry.models import Organisation


def today() -> dt.date:
    return timezone.localdate()


def org_context(request: HttpRequest, organisation: Organisation, tab: str) -> dict[str, Any]:
    request.organisation = organisation  # type: ignore[attr-defined]
    user = request.user
    personal = access.can_read_personal(user, organisation)
    return {
        "organisation": organisation,
        "tab": tab,
        "personal": personal,
        "can_view_book": has_perm(user, organisation, Perm.VIEW_BOOK),
        "can_manage_roles": has_perm(user, organisation, Perm.MANAGE_ROLES),
        "is_type_b": organisation.type in ("B", "AB"),
    }


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)
