"""Forms parse input; the services decide. Field names match the services' arguments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core.forms import DATE_WIDGET
from fragola.core.italy.codes import ERR_BIRTH_IN_FUTURE
from fragola.core.italy.forms import ComuneInput
from fragola.registry.models import (
    Comune,
    ExitReason,
    LegalForm,
    MemberCategory,
    MembershipStatus,
    Organisation,
    OrganisationType,
    PersonKind,
    Region,
    RegisterSection,
    RoleName,
    Sex,
    ShareMovementKind,
)
from fragola.registry.services import (
    ERR_BEYOND_HORIZON,
    ERR_NUMBER_FOR_FUTURE_ADMISSION,
    FUTURE_HORIZON_DAYS,
    beyond_horizon,
)


def _within_horizon(day: dt.date) -> dt.date:
    if beyond_horizon(day):
        raise forms.ValidationError(ERR_BEYOND_HORIZON % {"days": FUTURE_HORIZON_DAYS})
    return day


class BookFilterForm(forms.Form):
    as_of = forms.DateField(label=_("Book as of"), required=False, widget=DATE_WIDGET)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *MemberCategory.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MembershipStatus.choices],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class ComuneChoiceField(forms.ModelChoiceField):
    """A comune chosen by its ISTAT code (the import files use the same code)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Comune.objects.select_related("province"),
            to_field_name="istat_code",
            widget=ComuneInput(
                options_url=reverse_lazy("comune_options"), attrs={"autocomplete": "off"}
            ),
            **kwargs,
        )


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PersonKind.choices, initial=PersonKind.NATURAL
    )
    category = forms.ChoiceField(label=_("Category"), choices=MemberCategory.choices)
    fiscal_code = forms.CharField(label=_("Fiscal code"), max_length=16)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    legal_name = forms.CharField(label=_("Legal name"), max_length=255, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE_WIDGET)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    comune = ComuneChoiceField(
        label=_("Comune of residence (ISTAT code)"),
        required=False,
        help_text=_("Type the name and pick it from the list."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    applied_on = forms.DateField(
        label=_("Application date"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    shares_subscribed = forms.DecimalField(
        label=_("Share capital subscribed (EUR)"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("25.00"),
    )

    def clean_applied_on(self) -> dt.date:
        return _within_horizon(self.cleaned_data["applied_on"])

    def clean_birth_date(self) -> dt.date | None:
        born: dt.date | None = self.cleaned_data["birth_date"]
        if born is not None and born > timezone.localdate():
            raise forms.ValidationError(ERR_BIRTH_IN_FUTURE)
        return born


class AdmitForm(forms.Form):
    admitted_on = forms.DateField(
        label=_("Board decision date"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    member_number = forms.IntegerField(
        label=_("Member number"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to use the next free number."),
    )
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite a compliance objection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if Fragola objects: the reason is recorded with your name."),
    )

    def clean_admitted_on(self) -> dt.date:
        return _within_horizon(self.cleaned_data["admitted_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        admitted_on, number = data.get("admitted_on"), data.get("member_number")
        if number is not None and admitted_on is not None and admitted_on > timezone.localdate():
            self.add_error("member_number", ERR_NUMBER_FOR_FUTURE_ADMISSION)
        return data


class ExitForm(forms.Form):
    exited_on = forms.DateField(
        label=_("Exit date"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    exit_reason = forms.ChoiceField(label=_("Reason"), choices=ExitReason.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite a compliance objection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if Fragola objects: the reason is recorded with your name."),
    )


class ShareMovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Movement"), choices=ShareMovementKind.choices)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Legal name"), max_length=255)
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices)
    fiscal_code = forms.CharField(label=_("Fiscal code"), max_length=11)
    vat_number = forms.CharField(label=_("VAT number"), max_length=13, required=False)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    founded_on = forms.DateField(label=_("Founding date"), widget=DATE_WIDGET)
    comune = ComuneChoiceField(label=_("Registered office (comune ISTAT code)"))
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    pec = forms.EmailField(label=_("Certified e-mail (PEC)"), required=False)
    register_region = forms.ModelChoiceField(
        label=_("Regional register"), queryset=Region.objects.all(), required=False
    )
    register_section = forms.ChoiceField(
        label=_("Register section"), choices=[("", "—"), *RegisterSection.choices], required=False
    )
    register_number = forms.CharField(label=_("Register number"), max_length=30, required=False)
    register_date = forms.DateField(
        label=_("Register enrolment date"), required=False, widget=DATE_WIDGET
    )
    rea_number = forms.CharField(
        label=_("Business register (REA) number"), max_length=20, required=False
    )
    runts_number = forms.CharField(label=_("RUNTS number"), max_length=30, required=False)
    runts_date = forms.DateField(
        label=_("RUNTS enrolment date"), required=False, widget=DATE_WIDGET
    )

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        initial = {name: getattr(organisation, name) for name in cls.base_fields}
        initial["comune"] = organisation.comune.istat_code
        return initial


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=RoleName.choices)
