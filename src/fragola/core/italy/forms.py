"""Form widgets for Italian reference data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise


class ComuneInput(forms.TextInput):
    """A text box that suggests comuni as the user types: htmx fills a datalist from
    ``options_url`` (the registry's ``comune_options`` page), asked with ``field`` and the text."""

    template_name = "core/widgets/comune_input.html"

    def __init__(self, *, options_url: str | Promise, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.options_url = options_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["options_url"] = str(self.options_url)
        return context
