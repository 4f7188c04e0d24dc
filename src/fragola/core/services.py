"""Writes of the core app: personal access tokens and the log of sensitive reads."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from fragola.core.models import PersonalAccessToken, SensitiveRead, hash_token


@transaction.atomic
def token_create(
    *, user: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = PersonalAccessToken.generate()
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        token_hash=hash_token(raw),
        prefix=raw[:10],
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: PersonalAccessToken) -> PersonalAccessToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def sensitive_read_log(
    *,
    user: User,
    organisation_id: int,
    subject: str,
    object_type: str,
    object_id: str,
    purpose: str,
) -> SensitiveRead:
    """Record one read of GDPR art. 9 data. Call it before the data leaves the server."""
    return SensitiveRead.objects.create(
        user=user,
        organisation_id=organisation_id,
        subject=subject[:200],
        object_type=object_type,
        object_id=object_id,
        purpose=purpose[:200],
    )
