"""Pages of public contracts: the consortium's tender board, a tender's page (its lots, the
named co-ops, the pipeline's steps, the award and the contract), the public bodies with their
import, the deadlines' calendar feed, and a member co-op's own lots."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.procurement import selectors, services
from fragola.procurement.access import access_consortium, access_tender
from fragola.procurement.forms import (
    AwardForm,
    BodyImportForm,
    ContractForm,
    ExecutorForm,
    LotForm,
    MoveForm,
    PriceForm,
    ShareForm,
    TenderForm,
)
from fragola.procurement.ical import calendar
from fragola.procurement.models import ContractLot, Executor, Tender, TenderFeed
from fragola.registry.models import Organisation


@login_required
def board(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    found = selectors.tender_board(
        user=request.user, organisation_id=organisation_id, now=timezone.now()
    )
    feed = services.tender_feed_get(organisation=found.consortium)
    feed_url = request.build_absolute_uri(reverse("procurement:ical", args=[feed.token]))
    context = {**page_context(request, found.consortium, "tenders"), "board": found}
    context["feed_url"] = feed_url
    return render(request, "procurement/board.html", context)


@login_required
def tender_new(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    consortium = access_consortium(request.user, organisation_id)
    form = TenderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tender = services.tender_record(
                organisation=consortium, data=services.TenderData(**form.cleaned_data)
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Tender recorded."))
            return redirect("procurement:tender", consortium.pk, tender.pk)
    status = 400 if request.method == "POST" else 200
    context = {**page_context(request, consortium, "tenders"), "form": form}
    return render(request, "procurement/tender_new.html", context, status=status)


def _choices(tender: Tender) -> dict[str, list[tuple[int, str]]]:
    """The contract's lots and the tender's named co-ops, for the share and price forms."""
    lots = ContractLot.objects.filter(contract__tender=tender).order_by("number", "pk")
    return {
        "lots": [(lot.pk, f"{lot.number}. {lot.title}") for lot in lots],
        "coops": [(e.coop_id, e.coop.name) for e in selectors.executors_of(tender)],
    }


def _tender_page(
    request: AuthedRequest, tender: Tender, status: int = 200, **forms: Any
) -> HttpResponse:
    today = timezone.localdate()
    consortium = tender.organisation
    contract = getattr(tender, "contract", None)
    executors = list(selectors.executors_of(tender))
    choices = _choices(tender) if contract else {"lots": [], "coops": []}
    named = {e.coop_id for e in executors}
    candidates = [c for c in selectors.member_coops(consortium, today) if c.pk not in named]
    context = {
        **page_context(request, consortium, "tenders"),
        "tender": tender,
        "lots": list(tender.lots.prefetch_related("comuni").order_by("number")),
        "executors": executors,
        "deadlines": selectors.deadlines([tender]),
        "open": tender.state in services.tenders.OPEN_STATES,
        "contract": contract,
        "contract_lots": selectors.contract_lots(contract) if contract else [],
        "hours": selectors.contract_hours(contract, today) if contract else [],
        "lot_form": forms.get("lot_form") or LotForm(),
        "executor_form": forms.get("executor_form") or ExecutorForm(coops=candidates),
        "move_form": forms.get("move_form") or MoveForm(),
        "award_form": forms.get("award_form") or AwardForm(),
        "contract_form": forms.get("contract_form") or ContractForm(),
        "share_form": forms.get("share_form") or ShareForm(**choices),
        "price_form": forms.get("price_form") or PriceForm(lots=choices["lots"]),
    }
    return render(request, "procurement/tender.html", context, status=status)


@login_required
def tender_detail(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    return _tender_page(request, access_tender(request.user, organisation_id, tender_id))


def _done(request: AuthedRequest, tender: Tender, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("procurement:tender", tender.organisation_id, tender.pk)


@login_required
@require_POST
def lot_add(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = LotForm(request.POST)
    if form.is_valid():
        try:
            services.lot_add(tender=tender, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return _done(request, tender, _("Lot added."))
    return _tender_page(request, tender, 400, lot_form=form)


@login_required
@require_POST
def executor_add(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    coops = selectors.member_coops(tender.organisation, timezone.localdate())
    form = ExecutorForm(request.POST, coops=coops)
    if form.is_valid():
        try:
            services.executor_name(
                tender=tender,
                coop=form.cleaned_data["coop"],
                user=request.user,
                on=timezone.localdate(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return _done(request, tender, _("Executing co-op named."))
    return _tender_page(request, tender, 400, executor_form=form)


@login_required
@require_POST
def executor_remove(
    request: AuthedRequest, organisation_id: int, tender_id: int, executor_id: int
) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    executor = Executor.objects.filter(tender=tender, pk=executor_id).first()
    if executor is None:
        raise Http404("No such executing co-op")
    try:
        services.executor_remove(executor=executor)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect("procurement:tender", tender.organisation_id, tender.pk)
    return _done(request, tender, _("Executing co-op removed."))


@login_required
@require_POST
def tender_move(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.tender_move(
                tender=tender,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                user=request.user,
                on=timezone.localdate(),
            )
        except ValidationError as exc:
            attach_errors(form, exc, {"state": "to", "executors": "to", "coop": "to"})
        else:
            return _done(request, tender, _("Tender moved on."))
    return _tender_page(request, tender, 400, move_form=form)


@login_required
@require_POST
def tender_award(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            services.tender_award(tender=tender, amount=form.cleaned_data["awarded_amount"])
        except ValidationError as exc:
            attach_errors(form, exc, {"state": "awarded_amount"})
        else:
            return _done(request, tender, _("Award recorded."))
    return _tender_page(request, tender, 400, award_form=form)


@login_required
@require_POST
def contract_record(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = ContractForm(request.POST)
    if form.is_valid():
        try:
            services.contract_record(tender=tender, data=services.ContractData(**form.cleaned_data))
        except ValidationError as exc:
            attach_errors(form, exc, {"state": "number", "cig": "number"})
        else:
            return _done(request, tender, _("Contract recorded."))
    return _tender_page(request, tender, 400, contract_form=form)


def _contract_lot(tender: Tender, lot_id: int) -> ContractLot | None:
    return ContractLot.objects.filter(contract__tender=tender, pk=lot_id).first()


@login_required
@require_POST
def share_set(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = ShareForm(request.POST, **_choices(tender))
    if form.is_valid():
        lot = _contract_lot(tender, form.cleaned_data["lot"])
        coop = Organisation.objects.filter(pk=form.cleaned_data["coop"]).first()
        try:
            if lot is None or coop is None:
                raise Http404("No such lot or co-op")
            services.contract_share_set(
                lot=lot,
                coop=coop,
                percent=form.cleaned_data["percent"],
                hours_per_month=form.cleaned_data["hours_per_month"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return _done(request, tender, _("Share saved."))
    return _tender_page(request, tender, 400, share_form=form)


@login_required
@require_POST
def price_set(request: AuthedRequest, organisation_id: int, tender_id: int) -> HttpResponse:
    tender = access_tender(request.user, organisation_id, tender_id)
    form = PriceForm(request.POST, lots=_choices(tender)["lots"])
    if form.is_valid():
        lot = _contract_lot(tender, form.cleaned_data.pop("lot"))
        if lot is None:
            raise Http404("No such lot")
        try:
            services.contract_price_set(lot=lot, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return _done(request, tender, _("Price saved."))
    return _tender_page(request, tender, 400, price_form=form)


@login_required
def bodies(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    consortium = access_consortium(request.user, organisation_id)
    form = BodyImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.import_public_bodies(
            content=upload.read(), filename=upload.name, dry_run=form.cleaned_data["dry_run"]
        )
    query = request.GET.get("q", "")[:100]
    context = {
        **page_context(request, consortium, "tenders"),
        "bodies": selectors.public_body_list(query=query)[:500],
        "query": query,
        "form": form,
        "result": result,
    }
    status = 400 if result is not None and not result.ok else 200
    return render(request, "procurement/bodies.html", context, status=status)


def tender_ical(request: HttpRequest, token: str) -> HttpResponse:
    """No login (calendar apps cannot log in): the unguessable token is the key."""
    feed = TenderFeed.objects.select_related("organisation").filter(token=token).first()
    if feed is None:
        raise Http404("No such calendar")
    text = calendar(
        selectors.deadlines(selectors.feed_tenders(feed.organisation)),
        name=f"Fragola · {feed.organisation.name}",
        host=request.get_host().split(":")[0] or "fragola",
        now=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def own_lots(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    coop, lots = selectors.own_lots(
        user=request.user, organisation_id=organisation_id, today=timezone.localdate()
    )
    context = {**page_context(request, coop, "lots"), "lots": lots}
    return render(request, "procurement/own_lots.html", context)
