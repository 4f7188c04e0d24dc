"""Forms of the integration pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fragola.core.forms import DATE_WIDGET as DATE
from fragola.integration.models import ObjectKindChoice, Outcome, PlannedKind, ReferringService


class ReviewForm(forms.Form):
    scheduled_on = forms.DateField(label=_("Review date"), widget=DATE)
    held = forms.BooleanField(label=_("The review took place"), required=False)
    participants = forms.CharField(label=_("Who took part"), max_length=300, required=False)
    outcome = forms.CharField(
        label=_("Outcome of the review"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DATE)
    outcome = forms.ChoiceField(label=_("How the path ended"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason to go ahead if the 30 % would be breached"),
        required=False,
        max_length=500,
    )


class HiresNeededForm(forms.Form):
    until = forms.DateField(label=_("Keep at least 30 % through"), widget=DATE)


class PlannedChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=PlannedKind.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)
    disadvantaged = forms.BooleanField(label=_("Disadvantaged worker (hire)"), required=False)
    employment = forms.TypedChoiceField(
        label=_("Contract that ends"), coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: object, employments: list[tuple[int, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["employment"].choices = [("", "—"), *employments]  # type: ignore[attr-defined]


class ConventionForm(forms.Form):
    public_body = forms.CharField(label=_("Public body"), max_length=200)
    object_kind = forms.ChoiceField(label=_("Object"), choices=ObjectKindChoice.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    value_net_of_vat = forms.DecimalField(
        label=_("Value net of VAT (EUR)"), max_digits=12, decimal_places=2, min_value=0
    )
    checked_on = forms.DateField(label=_("Date of award"), widget=DATE)
    job_plan = forms.FileField(label=_("Job-creation plan (document)"), required=False)
    job_plan_summary = forms.CharField(
        label=_("Job-creation plan (summary)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notice_reference = forms.CharField(label=_("Notice"), max_length=300, required=False)
    invitees = forms.CharField(
        label=_("Invited operators, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    scoring = forms.CharField(
        label=_("Scoring (operator: score, one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MonthForm(forms.Form):
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.TextInput(attrs={"type": "month"}),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ProjectForm(forms.Form):
    employment = forms.TypedChoiceField(label=_("Worker (current contract)"), coerce=int)
    referring_service = forms.ChoiceField(
        label=_("Referring service"), choices=ReferringService.choices
    )
    referrer_name = forms.CharField(label=_("Contact at the referring service"), max_length=200)
    referrer_contact = forms.CharField(
        label=_("Contact's phone or e-mail"), max_length=200, required=False
    )
    tutor = forms.TypedChoiceField(label=_("Tutor"), coerce=int, required=False, empty_value=None)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    skills_plan = forms.CharField(
        label=_("Skills plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    weekly_hours = forms.DecimalField(
        label=_("Weekly hours"), max_digits=5, decimal_places=2, min_value=0, max_value=168
    )
    started_on = forms.DateField(label=_("Start date"), widget=DATE)
    planned_end_on = forms.DateField(label=_("Planned end"), widget=DATE, required=False)
    had_outside_work = forms.BooleanField(
        label=_("Semi-liberty or outside work before release (prisoners)"), required=False
    )

    def __init__(
        self,
        *args: object,
        employments: list[tuple[int, str]],
        tutors: list[tuple[int, str]],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["employment"].choices = employments  # type: ignore[attr-defined]
        self.fields["tutor"].choices = [("", "—"), *tutors]  # type: ignore[attr-defined]


class ContractSiteForm(forms.Form):
    """A client contract (a work order) and its first job site."""

    client = forms.CharField(label=_("Client (comune or other body)"), max_length=200)
    object_kind = forms.ChoiceField(label=_("Object"), choices=ObjectKindChoice.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    value_net_of_vat = forms.DecimalField(
        label=_("Value net of VAT (EUR)"), max_digits=12, decimal_places=2, min_value=0
    )
    started_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE, required=False)
    site_name = forms.CharField(label=_("Job site"), max_length=200)
    site_address = forms.CharField(
        label=_("Address of the job site"), max_length=255, required=False
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)


class AssignForm(forms.Form):
    employment = forms.TypedChoiceField(label=_("Worker (current contract)"), coerce=int)
    started_on = forms.DateField(label=_("On the team from"), widget=DATE)

    def __init__(self, *args: object, employments: list[tuple[int, str]], **kwargs: object):
        kwargs.setdefault("auto_id", "assign_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["employment"].choices = employments  # type: ignore[attr-defined]


class TimesheetForm(forms.Form):
    employment = forms.TypedChoiceField(label=_("Worker"), coerce=int)
    day = forms.DateField(label=_("Day"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "max": "24"}),
    )

    def __init__(self, *args: object, employments: list[tuple[int, str]], **kwargs: object):
        kwargs.setdefault("auto_id", "hours_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["employment"].choices = employments  # type: ignore[attr-defined]
