"""Forms of the care pages: they parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from fragola.care.models import (
    VOLUNTEER_KINDS,
    AbsenceKind,
    Carer,
    CarerKind,
    ConsentPurpose,
    FunderKind,
    Qualification,
    ServiceKind,
    TwoCarerMode,
)
from fragola.core.forms import DATE_WIDGET as DATE
from fragola.core.forms import QuickSelect
from fragola.core.italy.forms import ComuneInput
from fragola.registry.models import Comune, Person
from fragola.registry.selectors import organisation_login

ERR_UNKNOWN_COMUNE = _("No comune has this name or ISTAT code.")
# The same answer whether the user name exists in another organisation or nowhere.
ERR_NO_SUCH_LOGIN = _("No login of this organisation has this user name.")
WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = forms.Textarea(attrs={"rows": 2})


def _organisation_login(organisation_id: int, username: str) -> User | None:
    """An existing login of this organisation (blank: none); another tenant's is unknown."""
    if not username:
        return None
    login = organisation_login(organisation_id=organisation_id, username=username)
    if login is None:
        raise forms.ValidationError(ERR_NO_SUCH_LOGIN)
    return login


class ServiceUserForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_year = forms.IntegerField(label=_("Birth year"), min_value=1900, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=255)
    comune = forms.CharField(
        label=_("Comune (name or ISTAT code)"),
        max_length=150,
        widget=ComuneInput(
            options_url=reverse_lazy("comune_options"), attrs={"autocomplete": "off"}
        ),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=8, decimal_places=5, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=8, decimal_places=5, required=False
    )
    area_radius_m = forms.IntegerField(
        label=_("Presence radius (m)"), min_value=50, max_value=5000, initial=300
    )
    started_on = forms.DateField(label=_("In care since"), widget=DATE)
    conditions = forms.CharField(label=_("Conditions"), widget=TEXT, required=False)
    care_needs = forms.CharField(label=_("Care needs notes"), widget=TEXT, required=False)

    def clean_comune(self) -> Comune:
        text = self.cleaned_data["comune"].strip()
        found = Comune.objects.filter(istat_code=text).first() or (
            Comune.objects.filter(name__iexact=text).select_related("province").first()
        )
        if found is None:
            raise forms.ValidationError(ERR_UNKNOWN_COMUNE)
        return found


class HealthForm(forms.Form):
    conditions = forms.CharField(label=_("Conditions"), widget=TEXT, required=False)
    care_needs = forms.CharField(label=_("Care needs notes"), widget=TEXT, required=False)
    erase = forms.BooleanField(label=_("Erase the health record"), required=False)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)


class FamilyMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.CharField(label=_("Relation"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    is_informal_carer = forms.BooleanField(label=_("Informal carer"), required=False)
    username = forms.CharField(
        label=_("Portal login (existing user name)"), max_length=150, required=False
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id

    def clean_username(self) -> User | None:
        return _organisation_login(self.organisation_id, self.cleaned_data["username"])


class CommissionForm(forms.Form):
    funder_kind = forms.ChoiceField(label=_("Who pays"), choices=FunderKind.choices)
    funder_name = forms.CharField(label=_("Funder name"), max_length=200)
    contract_reference = forms.CharField(label=_("Contract or accreditation"), max_length=200)
    cig = forms.CharField(label=_("CIG"), max_length=10, required=False)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE, required=False)
    co_payment_per_hour = forms.DecimalField(
        label=_("User's co-payment per hour (EUR)"), max_digits=7, decimal_places=2, initial=0
    )
    service_kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    hours_per_month = forms.DecimalField(
        label=_("Authorised hours per month"), max_digits=6, decimal_places=2, min_value=0.25
    )


class PlanForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessment date"), widget=DATE)
    goals = forms.CharField(label=_("Goals"), widget=TEXT)
    review_on = forms.DateField(label=_("Next review"), widget=DATE)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Valid to"), widget=DATE, required=False)
    family_tasks = forms.CharField(
        label=_("What the family does (not scheduled)"), widget=TEXT, required=False
    )


class PlanServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=720, initial=60
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    window_start = forms.TimeField(label=_("Between"), widget=TIME)
    window_end = forms.TimeField(label=_("and"), widget=TIME)
    qualification = forms.ChoiceField(label=_("Qualification"), choices=Qualification.choices)
    carers_needed = forms.TypedChoiceField(
        label=_("Carers per visit"), choices=[(1, "1"), (2, "2")], coerce=int
    )
    two_carer_mode = forms.ChoiceField(label=_("Two carers"), choices=TwoCarerMode.choices)
    gap_minutes = forms.IntegerField(label=_("Gap (minutes)"), min_value=0, initial=0)
    for_volunteers = forms.BooleanField(label=_("Volunteer task"), required=False)


class PlanCarersForm(forms.Form):
    preferred = forms.ModelMultipleChoiceField(
        label=_("Preferred carers"), queryset=Carer.objects.none(), required=False
    )
    refused = forms.ModelMultipleChoiceField(
        label=_("Carers the user refuses"), queryset=Carer.objects.none(), required=False
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        carers = Carer.objects.filter(organisation_id=organisation_id, kind=CarerKind.WORKER)
        self.fields["preferred"].queryset = carers.select_related("person")  # type: ignore[attr-defined]
        self.fields["refused"].queryset = carers.select_related("person")  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)


class AssignForm(forms.Form):
    carer = forms.ModelChoiceField(label=_("Carer"), queryset=Carer.objects.none())
    # The coordinator's explicit choice to assign outside the carer's declared availability.
    force = forms.BooleanField(label=_("Assign anyway"), required=False)

    def __init__(self, *args: Any, carers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("cancelled", _("Cancelled")), ("missed", _("Missed"))], label=_("Outcome")
    )
    reason = forms.CharField(label=_("Why"), max_length=255)


class PositionForm(forms.Form):
    """The browser's position, if the carer shares it: compared, then forgotten."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def position(self) -> tuple[float, float] | None:
        lat, lon = self.cleaned_data.get("lat"), self.cleaned_data.get("lon")
        return None if lat is None or lon is None else (lat, lon)


class CheckOutForm(PositionForm):
    tasks_done = forms.CharField(label=_("Tasks done"), widget=TEXT, required=False)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)
    handover_notes = forms.CharField(
        label=_("Handover for the next carer"), widget=TEXT, required=False
    )


class CarerForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), widget=QuickSelect
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CarerKind.choices)
    weekly_hours = forms.DecimalField(
        label=_("Contract hours per week"), max_digits=4, decimal_places=1, required=False
    )
    qualification = forms.ChoiceField(label=_("Qualification"), choices=Qualification.choices)
    qualification_expires_on = forms.DateField(
        label=_("Qualification expires on"), widget=DATE, required=False
    )
    insured_until = forms.DateField(label=_("Insured until"), widget=DATE, required=False)
    username = forms.CharField(label=_("Login (existing user name)"), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        people = Person.objects.filter(organisation_id=organisation_id, kind="natural")
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean_username(self) -> User | None:
        return _organisation_login(self.organisation_id, self.cleaned_data["username"])


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)


class AvailabilityForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("To"), widget=TIME)


class HoursForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=2)
    # L2.4: volunteers only give complementary services.
    activity = forms.ChoiceField(
        label=_("Activity"), choices=[c for c in ServiceKind.choices if c[0] in VOLUNTEER_KINDS]
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ExpenseForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount (EUR)"), max_digits=8, decimal_places=2)
    description = forms.CharField(label=_("What for"), max_length=255)
    # Not required here: the service refuses a claim without a receipt, citing L2.3.
    receipt = forms.FileField(label=_("Receipt"), required=False)


class ExpenseRejectForm(forms.Form):
    reason = forms.CharField(label=_("Why it is rejected"), max_length=150)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the coordinator"), widget=forms.Textarea(attrs={"rows": 3})
    )
