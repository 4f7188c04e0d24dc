"""Who may try a password, and how often: the client's address, login throttling, reset limits.

Three locks keep guessing slow without letting an attacker lock a colleague out:

* the pair (user name, address) is locked after ``AXES_FAILURE_LIMIT`` failures (django-axes);
* an address is locked after ``FRAGOLA_LOGIN_ADDRESS_LIMIT`` failures over any user names, which
  stops password spraying from one machine;
* a user name under attack from many addresses is *slowed*, never locked: once it has
  ``FRAGOLA_LOGIN_USERNAME_SLOW_AFTER`` recent failures, one password check is allowed every
  ``FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS`` from addresses it never logged in from. An address that
  has logged in as that user before is not slowed at all, so its owner keeps working.

Behind a reverse proxy every request comes from the proxy's address. The client's own address is
read from ``X-Forwarded-For`` only when the request comes from an address listed in
``FRAGOLA_TRUSTED_PROXIES``; from anyone else that header is ignored, so that nobody can pose as
somebody else's address.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Iterable
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ERR_USERNAME_SLOWED = _(
    "This user name has received many failed log-in attempts. For your security, wait "
    "%(seconds)s seconds before trying again."
)
ERR_RESETS_FROM_ADDRESS = _(
    "Too many password reset requests from this address. Try again later or ask your administrator."
)

# Anything that is not an address (a missing REMOTE_ADDR in a test client, a garbled header)
# counts as one shared unknown address: it is still throttled, never an escape hatch.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, not a socket binding


# --- the client's address ----------------------------------------------------------------------


def _networks(entries: Iterable[str]) -> list[IpNetwork]:
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    if address is None:
        return False
    return any(address in network for network in _networks(settings.FRAGOLA_TRUSTED_PROXIES))


def client_address(request: HttpRequest) -> str:
    """The address of the person at the keyboard, as far as the trusted proxies tell it.

    Walks ``X-Forwarded-For`` from the right (the entry our own proxy added) past the trusted
    proxies; the first address that is not one of ours is the client. Entries further left were
    written by the client and could say anything.
    """
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return UNKNOWN_ADDRESS
    if not _trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        hop = _parse(entry)
        if hop is None:
            return str(remote)
        if not _trusted(hop):
            return str(hop)
    return str(remote)


def axes_client_address(request: Any) -> str:
    """``AXES_CLIENT_IP_CALLABLE``: axes asks for the address through this."""
    return client_address(request)


# --- login throttling --------------------------------------------------------------------------


def _recent_attempts(now: dt.datetime) -> Any:
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with two locks: the (user name, address) pair and the address.

    Axes compares one failure count with one limit. The address lock has its own, higher limit,
    so its count is expressed on the pair's scale before taking the larger of the two.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        address = getattr(request, "axes_ip_address", None) or client_address(request)
        username = self._username(request, credentials)
        attempts = _recent_attempts(timezone.now())
        pair = _failures(attempts.filter(username=username, ip_address=address))
        from_address = _failures(attempts.filter(ip_address=address))
        limit = get_failure_limit(request, credentials)
        scaled = math.floor(from_address * limit / settings.FRAGOLA_LOGIN_ADDRESS_LIMIT)
        return max(pair, scaled)

    @staticmethod
    def _username(request: Any, credentials: dict[str, Any] | None) -> str | None:
        from axes.helpers import get_client_username

        return get_client_username(request, credentials)


def _failures(attempts: Any) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def username_wait(*, username: str, address: str, now: dt.datetime) -> int:
    """Seconds this address must still wait before a password check for ``username``; 0: go."""
    if not username:
        return 0
    if AccessLog.objects.filter(username=username, ip_address=address).exists():
        return 0
    summary = _recent_attempts(now).filter(username=username)
    totals = summary.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (totals["failures"] or 0) < settings.FRAGOLA_LOGIN_USERNAME_SLOW_AFTER:
        return 0
    delay = dt.timedelta(seconds=settings.FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS)
    remaining = totals["last"] + delay - now
    return max(0, math.ceil(remaining.total_seconds()))


class LoginView(auth_views.LoginView):
    """Django's login page, slowed for a user name under attack from addresses it never used."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", ""))[:255]
        wait = username_wait(username=username, address=client_address(request), now=timezone.now())
        if wait:
            message = ERR_USERNAME_SLOWED % {"seconds": wait}
            response = render(
                request, "registration/locked_out.html", {"message": message}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)


# --- password resets ---------------------------------------------------------------------------


def _reset_key(kind: str, value: object) -> str:
    return f"fragola:password-reset:{kind}:{value}"


def _take(key: str, *, limit: int, window: int) -> bool:
    """Count one request under ``key``; False once ``limit`` requests fell in the window."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


class ThrottledPasswordResetForm(PasswordResetForm):
    """Sends at most one reset e-mail per account per window, whoever asks and from where."""

    def get_users(self, email: str) -> Iterable[User]:
        window = settings.FRAGOLA_PASSWORD_RESET_WINDOW_SECONDS
        for user in super().get_users(email):
            # ``add`` succeeds only for the first request of the window: one mail per account.
            if cache.add(_reset_key("account", user.pk), 1, timeout=window):
                yield user


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page with a per-address limit; the answer never says whether a mail left."""

    form_class = ThrottledPasswordResetForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        allowed = _take(
            _reset_key("address", client_address(request)),
            limit=settings.FRAGOLA_PASSWORD_RESETS_PER_ADDRESS,
            window=settings.FRAGOLA_PASSWORD_RESET_WINDOW_SECONDS,
        )
        if not allowed:
            context = {"message": ERR_RESETS_FROM_ADDRESS}
            return render(request, "registration/locked_out.html", context, status=429)
        return super().post(request, *args, **kwargs)
