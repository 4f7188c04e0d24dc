"""The family portal: a relative sees the plan, who comes, what was done, and writes to the
coordinator. Never health data, never another user (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fragola.care import selectors, services
from fragola.care.access import CarePerm, access_service_user, family_relatives
from fragola.care.forms import MessageForm
from fragola.core.forms import call_service
from fragola.core.http import AuthedRequest


@login_required
def family_home(request: AuthedRequest) -> HttpResponse:
    relatives = list(family_relatives(request.user))
    if len(relatives) == 1:
        return redirect("family_relative", relatives[0].pk)
    return render(request, "care/family_home.html", {"relatives": relatives})


@login_required
def family_relative(request: AuthedRequest, user_id: int) -> HttpResponse:
    service_user = access_service_user(request.user, user_id, CarePerm.FAMILY)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = call_service(
            form,
            services.family_message_send,
            service_user=service_user,
            author=request.user,
            body=form.cleaned_data["body"],
        )
        if sent is not None:
            messages.success(request, _("Message sent to the coordinator."))
            return redirect("family_relative", service_user.pk)
    view = selectors.family_view(service_user=service_user, today=timezone.localdate())
    return render(request, "care/family_relative.html", {"view": view, "form": form})
