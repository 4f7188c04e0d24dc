"""The pages' forms: the shape of the input only; the rules are the services'."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Qualification, ServiceKind
from fragola.core.forms import DATE_WIDGET
from fragola.procurement.models import Criterion, Procedure, PublicBody, TenderState
from fragola.registry.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime(label: str | StrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=False, widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )


class TenderForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Contracting body"), queryset=PublicBody.objects.all())
    title = forms.CharField(label=_("Title"), max_length=300)
    cig = forms.CharField(label=_("CIG"), max_length=10, required=False)
    cup = forms.CharField(label=_("CUP"), max_length=15, required=False)
    cpv = forms.CharField(label=_("CPV"), max_length=10, required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices)
    social_services = forms.BooleanField(label=_("Social services"), required=False, initial=True)
    labour_intensive = forms.BooleanField(
        label=_("Labour-intensive (labour ≥ 50 %)"), required=False, initial=True
    )
    criterion = forms.ChoiceField(label=_("Award criterion"), choices=Criterion.choices)
    quality_points = forms.DecimalField(
        label=_("Quality points"), initial=70, max_digits=5, decimal_places=2
    )
    price_points = forms.DecimalField(
        label=_("Price points"), initial=30, max_digits=5, decimal_places=2
    )
    base_amount = forms.DecimalField(label=_("Base amount (EUR)"), max_digits=14, decimal_places=2)
    labour_cost = forms.DecimalField(
        label=_("Declared labour cost (EUR)"), required=False, max_digits=14, decimal_places=2
    )
    ccnl = forms.CharField(label=_("Collective agreement (CCNL)"), max_length=200, required=False)
    clarifications_due = _datetime(_("Clarifications due"))
    submission_due = _datetime(_("Submission due"))
    opening_at = _datetime(_("Opening of bids"))
    requirements = forms.CharField(
        label=_("Requirements"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    documents_url = forms.URLField(
        label=_("Documents (link)"), required=False, assume_scheme="https"
    )

    def clean_labour_cost(self) -> Decimal:
        return self.cleaned_data.get("labour_cost") or Decimal("0.00")


class LotForm(forms.Form):
    number = forms.IntegerField(label=_("Lot"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=200)
    service = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    hours = forms.DecimalField(label=_("Hours"), max_digits=10, decimal_places=2)
    base_amount = forms.DecimalField(label=_("Base amount (EUR)"), max_digits=14, decimal_places=2)


class ExecutorForm(forms.Form):
    coop = forms.ModelChoiceField(label=_("Member co-op"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, coops: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["coop"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[c.pk for c in coops]).order_by("name")


MOVES = [
    (TenderState.GO_NO_GO, _("Go / no-go")),
    (TenderState.PREPARING, _("Bid")),
    (TenderState.SUBMITTED, _("Submitted")),
    (TenderState.LOST, _("Lost")),
    (TenderState.DECLINED, _("Do not bid")),
]


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Next step"), choices=MOVES)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class AwardForm(forms.Form):
    awarded_amount = forms.DecimalField(
        label=_("Awarded amount (EUR)"), max_digits=14, decimal_places=2
    )


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Contract number"), max_length=50)
    signed_on = forms.DateField(label=_("Contract date"), widget=DATE_WIDGET)
    commitment_number = forms.CharField(label=_("Commitment decision number"), max_length=50)
    commitment_date = forms.DateField(label=_("Commitment decision date"), widget=DATE_WIDGET)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    amount = forms.DecimalField(label=_("Amount (EUR)"), max_digits=14, decimal_places=2)
    cup = forms.CharField(label=_("CUP"), max_length=15, required=False)


Choices = list[tuple[int, str]]


class _ContractForm(forms.Form):
    """A form on a contract's lots: the lot (and the co-op) chosen among the contract's own."""

    def __init__(
        self, *args: Any, lots: Choices, coops: Choices | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lot"] = forms.TypedChoiceField(label=_("Lot"), choices=lots, coerce=int)
        if "coop" in self.fields:
            self.fields["coop"] = forms.TypedChoiceField(
                label=_("Co-op"), choices=coops or [], coerce=int
            )


class ShareForm(_ContractForm):
    lot = forms.IntegerField(label=_("Lot"), min_value=1)
    coop = forms.IntegerField(label=_("Co-op"), min_value=1)
    percent = forms.DecimalField(label=_("Share (%)"), max_digits=5, decimal_places=2)
    hours_per_month = forms.DecimalField(
        label=_("Hours per month"), max_digits=10, decimal_places=2
    )


class PriceForm(_ContractForm):
    lot = forms.IntegerField(label=_("Lot"), min_value=1)
    service = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    qualification = forms.ChoiceField(label=_("Qualification"), choices=Qualification.choices)
    price_per_hour = forms.DecimalField(
        label=_("Price per hour (EUR)"), max_digits=8, decimal_places=2
    )


class BodyImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (save nothing)"), required=False)
