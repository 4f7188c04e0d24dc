"""Forms for hires, ends of contract and disadvantage certificates. The services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core.forms import DATE_WIDGET
from fragola.registry.models import Sex
from fragola.workforce.models import Branch, Contract, DisadvantageCategory

OVERRIDE_HELP = _("Only if Fragola objects: the reason is recorded with your name.")


def override_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for going ahead despite a compliance objection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=OVERRIDE_HELP,
    )


class HireForm(forms.Form):
    fiscal_code = forms.CharField(label=_("Fiscal code"), max_length=16)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE_WIDGET)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    branch = forms.ChoiceField(label=_("Branch"), choices=Branch.choices)
    contract = forms.ChoiceField(label=_("Contract"), choices=Contract.choices)
    started_on = forms.DateField(
        label=_("First day"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    ended_on = forms.DateField(label=_("Last day (fixed-term)"), required=False, widget=DATE_WIDGET)
    weekly_hours = forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("168"),
        max_digits=5,
        decimal_places=2,
    )
    override_reason = override_field()


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Last day worked"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    override_reason = override_field()


class CertificateForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category (L. 381/1991 art. 4, or D.Lgs 112/2017)"),
        choices=DisadvantageCategory.choices,
    )
    certified_by = forms.CharField(label=_("Certified by"), max_length=200)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_WIDGET)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE_WIDGET)
    document = forms.FileField(label=_("Document (PDF or image)"), required=False)
