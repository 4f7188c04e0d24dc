"""Forms of the planning pages: start a run, move a visit, mark a carer absent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.care.models import AbsenceKind, Carer
from fragola.planning.convert import ROME


def next_monday(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


class StartRunForm(forms.Form):
    start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=14, initial=7)
    time_limit = forms.IntegerField(
        label=_("Time to plan (seconds)"), min_value=1, max_value=600, initial=60
    )

    def period(self) -> tuple[dt.date, dt.date]:
        start = self.cleaned_data["start"]
        return start, start + dt.timedelta(days=self.cleaned_data["days"] - 1)


class CarerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class MoveForm(forms.Form):
    carer = CarerChoice(label=_("Carer"), queryset=Carer.objects.none())
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Start"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )

    def __init__(self, *args: Any, carers: QuerySet[Carer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers  # type: ignore[attr-defined]

    def starts_at(self) -> dt.datetime:
        wall = dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return wall.replace(tzinfo=ROME)


class RepairForm(forms.Form):
    carer = CarerChoice(label=_("Carer"), queryset=Carer.objects.none())
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Reason"), choices=AbsenceKind.choices)

    def __init__(self, *args: Any, carers: QuerySet[Carer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers  # type: ignore[attr-defined]
