"""Consultation pages: the list (with "needs my vote"), one consultation, voting on a phone.

Anyone with a role in the co-op sees its open and closed consultations; drafts, opening and
closing need the permission to change the members' book; only the frozen electorate votes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fragola.core.access import Perm, access_organisation, has_perm
from fragola.core.forms import attach_errors
from fragola.core.http import AuthedRequest
from fragola.core.pages import page_context
from fragola.governance import selectors
from fragola.governance.forms import PollForm
from fragola.governance.models import Answer, Poll, PollKind
from fragola.governance.services import polls as services
from fragola.registry.models import Organisation


def _poll(request: AuthedRequest, organisation: Organisation, poll_id: int) -> Poll:
    poll = selectors.poll_by_id(organisation, poll_id)
    draft = poll.opened_at is None
    if draft and not has_perm(request.user, organisation, Perm.CHANGE_BOOK):
        raise Http404("No such consultation")
    return poll


def _list_page(
    request: AuthedRequest,
    organisation: Organisation,
    form: PollForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    manager = has_perm(request.user, organisation, Perm.CHANGE_BOOK)
    rows = [
        (poll, poll.status_at(now))
        for poll in selectors.poll_list(organisation)
        if manager or poll.opened_at is not None
    ]
    context: dict[str, Any] = {
        **page_context(request, organisation, "polls"),
        "rows": rows,
        "waiting": selectors.poll_waiting_for(request.user, organisation, now),
        "form": form or PollForm(),
    }
    return render(request, "governance/polls.html", context, status=status)


@login_required
def poll_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    return _list_page(request, organisation)


@login_required
@require_POST
def poll_create(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    form = PollForm(request.POST)
    if form.is_valid():
        try:
            poll = services.poll_create(organisation=organisation, data=form.poll_data())
        except ValidationError as exc:
            attach_errors(form, exc, {})
        else:
            messages.success(request, _("Consultation saved as a draft: open it to vote."))
            return redirect("governance:poll", organisation.pk, poll.pk)
    return _list_page(request, organisation, form, status=400)


def _detail(request: AuthedRequest, organisation: Organisation, poll: Poll) -> dict[str, Any]:
    now = timezone.now()
    voter = selectors.poll_voter_for(poll, request.user)
    visible = selectors.results_visible(poll, now)
    return {
        **page_context(request, organisation, "polls"),
        "poll": poll,
        "status": poll.status_at(now),
        "options": list(poll.options.all()),
        "answers": Answer.choices,
        "voter": voter,
        "can_vote": voter is not None and voter.voted_at is None and poll.status_at(now) == "open",
        "result": selectors.poll_result(poll) if visible else None,
        "ranks": range(1, poll.options.count() + 1),
        "scores": range(poll.score_max + 1),
    }


@login_required
def poll_detail(request: AuthedRequest, organisation_id: int, poll_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    poll = _poll(request, organisation, poll_id)
    return render(request, "governance/poll.html", _detail(request, organisation, poll))


def _int(value: object) -> int:
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() and len(text) < 10 else 0


def ballot_from_post(poll: Poll, post: QueryDict) -> dict[int, int]:
    """The marks of the vote form: option id → 1, a rank or a score."""
    if poll.kind == PollKind.SINGLE:
        chosen = _int(post.get("option"))
        return {chosen: 1} if chosen else {}
    if poll.kind == PollKind.MULTIPLE:
        return {_int(value): 1 for value in post.getlist("option") if _int(value)}
    prefix = "rank_" if poll.kind == PollKind.RANKED else "score_"
    return {
        _int(key.removeprefix(prefix)): _int(value)
        for key, value in post.dict().items()
        if key.startswith(prefix) and _int(key.removeprefix(prefix))
    }


@login_required
@require_POST
def poll_vote(request: AuthedRequest, organisation_id: int, poll_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.VIEW_ORGANISATION)
    poll = _poll(request, organisation, poll_id)
    try:
        services.poll_vote(
            poll=poll, user=request.user, answer=request.POST.get("answer", ""),
            marks=ballot_from_post(poll, request.POST),
        )  # fmt: skip
    except ValidationError as exc:
        context = _detail(request, organisation, poll)
        context["errors"] = exc.messages
        return render(request, "governance/poll.html", context, status=400)
    messages.success(request, _("Thank you: your vote is recorded."))
    return redirect("governance:poll", organisation.pk, poll.pk)


def _manage(
    request: AuthedRequest, organisation_id: int, poll_id: int, action: str
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, Perm.CHANGE_BOOK)
    poll = selectors.poll_by_id(organisation, poll_id)
    try:
        if action == "open":
            services.poll_open(poll=poll)
        else:
            services.poll_close(poll=poll)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        done = _("Consultation opened.") if action == "open" else _("Consultation closed.")
        messages.success(request, done)
    return redirect("governance:poll", organisation.pk, poll.pk)


@login_required
@require_POST
def poll_open(request: AuthedRequest, organisation_id: int, poll_id: int) -> HttpResponse:
    return _manage(request, organisation_id, poll_id, "open")


@login_required
@require_POST
def poll_close(request: AuthedRequest, organisation_id: int, poll_id: int) -> HttpResponse:
    return _manage(request, organisation_id, poll_id, "close")
