from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fragola.governance.models import AssemblyKind, BoardRole

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BoardSeatForm(forms.Form):
    fiscal_code = forms.CharField(label=_("Fiscal code"), max_length=16)
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices)
    started_on = forms.DateField(label=_("Start date"), widget=DATE_INPUT)

    def clean_fiscal_code(self) -> str:
        return self.cleaned_data["fiscal_code"].strip().upper()


class BoardSeatEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day on the board"), widget=DATE_INPUT)


class AssemblyForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Kind"), choices=AssemblyKind.choices)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
