from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fragola.governance.models import AssemblyKind, BoardRole, PollKind
from fragola.governance.services.assemblies import Convening
from fragola.governance.services.polls import PollData
from fragola.registry.models import MemberCategory

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


class PollForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=200)
    description = forms.CharField(
        label=_("Background"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PollKind.choices)
    options = forms.CharField(
        label=_("Options, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Not needed for a proposal."),
    )
    category = forms.ChoiceField(
        label=_("Who votes"),
        choices=[("", _("Every member")), *MemberCategory.choices],
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    anonymous = forms.BooleanField(label=_("Anonymous ballots"), required=False, initial=True)
    results_hidden = forms.BooleanField(
        label=_("Hide results until closing"), required=False, initial=True
    )
    quorum = forms.IntegerField(label=_("Quorum (% of the electorate)"), initial=0)
    threshold = forms.IntegerField(label=_("Threshold for a proposal (%)"), initial=50)
    score_max = forms.IntegerField(label=_("Highest score"), initial=5)

    def poll_data(self) -> PollData:
        data = self.cleaned_data
        return PollData(
            title=data["title"], description=data["description"], kind=data["kind"],
            options=data["options"].splitlines(), category=data["category"],
            anonymous=data["anonymous"], results_hidden=data["results_hidden"],
            quorum=Decimal(data["quorum"]) / 100, threshold=Decimal(data["threshold"]) / 100,
            score_max=data["score_max"], closes_at=data["closes_at"],
        )  # fmt: skip


class ConveneForm(forms.Form):
    convened_on = forms.DateField(label=_("Convened on (record date)"), widget=DATE_INPUT)
    second_call_on = forms.DateField(label=_("Second call"), widget=DATE_INPUT, required=False)
    first_call_quorum = forms.IntegerField(label=_("First-call quorum (% of votes)"), initial=50)
    second_call_quorum = forms.IntegerField(label=_("Second-call quorum (% of votes)"), initial=0)
    proxy_limit = forms.IntegerField(label=_("Proxies per delegate"), initial=1)
    legal_person_votes = forms.IntegerField(label=_("Votes of a legal person"), initial=1)
    remote_allowed = forms.BooleanField(label=_("Remote attendance allowed"), required=False)

    def convening(self) -> Convening:
        data = self.cleaned_data
        return Convening(
            convened_on=data["convened_on"], second_call_on=data["second_call_on"],
            first_call_quorum=Decimal(data["first_call_quorum"]) / 100,
            second_call_quorum=Decimal(data["second_call_quorum"]) / 100,
            proxy_limit=data["proxy_limit"], legal_person_votes=data["legal_person_votes"],
            remote_allowed=data["remote_allowed"],
        )  # fmt: skip
