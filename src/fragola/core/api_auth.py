"""API authentication: a personal access token, or the browser session with its CSRF token."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from fragola.core.models import PersonalAccessToken, hash_token

# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            PersonalAccessToken.objects.select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        now = timezone.now()
        if found is None or not found.is_usable(now) or not found.user.is_active:
            return None
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            found.last_used_at = now
            found.save(update_fields=["last_used_at"])
        request.user = found.user
        return found.user


def _sends_a_token(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


class BrowserSessionAuth(SessionAuth):
    """The session, for calls that do not present a token.

    A call that presents a token is judged by its token alone: a revoked one is a 401, not a
    403 "CSRF check failed" from falling back to the session.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if _sends_a_token(request):
            return None
        return super().__call__(request)


def session_or_token() -> list[Any]:
    return [TokenAuth(), BrowserSessionAuth()]
