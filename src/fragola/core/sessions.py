"""Idle sessions end: a session unused for ``FRAGOLA_SESSION_IDLE_MINUTES`` is logged out.

The time of the last request is stamped in the session at login and refreshed only when it is
more than a minute old, so an active user's session is written at most once a minute (no extra
query on most requests: the session is read anyway).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

LAST_SEEN = "fragola_last_seen"
REFRESH_SECONDS = 60


@receiver(user_logged_in)
def _stamp_at_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.FRAGOLA_SESSION_IDLE_MINUTES * 60:
                logout(request)
            elif last is None or now - last > REFRESH_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
