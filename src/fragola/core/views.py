from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fragola.core.forms import TokenForm
from fragola.core.http import AuthedRequest
from fragola.core.models import PersonalAccessToken
from fragola.core.operations.health import health_check
from fragola.core.services import token_create, token_revoke


def healthz_live(request: HttpRequest) -> JsonResponse:
    """The process answers and reaches the database: for load balancers (web processes)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def healthz(request: HttpRequest) -> JsonResponse:
    """The whole installation: database, live workers, the oldest waiting task (monitoring)."""
    try:
        health = health_check(now=timezone.now())
    except DatabaseError:
        return JsonResponse({"status": "failing", "database": "unreachable"}, status=503)
    return JsonResponse(health.as_json(), status=503 if health.problems else 200)


@login_required
def token_list(request: AuthedRequest) -> HttpResponse:
    created_raw = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(dt.datetime.combine(expires_on, dt.time.max))
            if expires_on
            else None
        )
        _token, created_raw = token_create(
            user=request.user, name=form.cleaned_data["name"], expires_at=expires_at
        )
        form = TokenForm()
    tokens = PersonalAccessToken.objects.filter(user=request.user)
    return render(
        request,
        "core/token_list.html",
        {"form": form, "tokens": tokens, "created_raw": created_raw},
    )


@login_required
@require_POST
def token_revoke_view(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(PersonalAccessToken, pk=token_id, user=request.user)
    token_revoke(token=token)
    return redirect("token_list")
