"""Forms of core's pages, and how every page shows a service's errors on its form."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")
# The browser's date picker, with the ISO value it expects (every app's date fields use it).
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that does not expire."),
    )


def attach_errors(
    form: forms.Form, exc: ValidationError, renames: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the fields it names, the rest on top.

    ``renames`` maps a service's field name to the form's, where the form names it differently.
    """
    if not hasattr(form, "cleaned_data"):
        # An unbound form (a bare button such as "take" or "withdraw") has no cleaned data
        # yet, and ``add_error`` needs it.
        form.cleaned_data = {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.error_dict.items():
        name = (renames or {}).get(field, field)
        target = name if name in form.fields else None
        for error in errors:
            form.add_error(target, error.messages)


def call_service(form: forms.Form, fn: Callable[..., T], **kwargs: Any) -> T | None:
    """Call ``fn``; on a ValidationError put its messages on ``form`` and return None."""
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        attach_errors(form, exc)
        return None
