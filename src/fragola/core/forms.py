"""Forms of core's pages, and how every page shows a service's errors on its form."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")
# The browser's date picker, with the ISO value it expects (every app's date fields use it).
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _attrs(attrs: Mapping[str, Any]) -> str:
    # As django/forms/widgets/attrs.html writes them.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A select written in Python with the markup of Django's templates, byte for byte.

    For a choice among a co-op's people (hundreds of options): Django renders each option
    through a template of its own, which was most of the time of the page that shows it.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{escape(option['label'])}</option>\n"  # the option template's last line
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  (every value escaped above)


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
