"""The back office's forms: the shape of the input only; the rules are in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fragola.backoffice.models import RequestKind
from fragola.core.forms import DATE_WIDGET


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RequestKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class StaffRequestForm(RequestForm):
    """Consortium staff record a request on behalf of a member co-op."""

    coop = forms.CharField(label=_("Co-op fiscal code"), max_length=11)

    def clean_coop(self) -> str:
        return "".join(self.cleaned_data["coop"].split()).upper()


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class TimeForm(forms.Form):
    worked_on = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    minutes = forms.IntegerField(label=_("Minutes"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RateForm(forms.Form):
    satisfaction = forms.IntegerField(label=_("Satisfaction (1-5)"))


class RunForm(forms.Form):
    period = forms.DateField(label=_("Month (its first day)"), widget=DATE_WIDGET)
    pools = forms.FileField(label=_("Cost pools (pool, amount_eur, driver)"))
    drivers = forms.FileField(label=_("Driver values (coop_fiscal_code, driver, value)"))
