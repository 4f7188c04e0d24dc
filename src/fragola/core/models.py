"""Infrastructure models shared by every app: API tokens and the log of sensitive reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "frg_"  # noqa: S105 - a public prefix, not a secret


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class PersonalAccessToken(models.Model):
    """A token for integrations: it acts as its user, with that user's roles and nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now


class SensitiveRead(models.Model):
    """One read of special-category data (GDPR art. 9): who read what, when and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sensitive_reads"
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now, db_index=True)
    organisation_id = models.BigIntegerField(_("organisation"), db_index=True)
    subject = models.CharField(_("subject"), max_length=200)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=200)

    class Meta:
        verbose_name = _("sensitive data read")
        verbose_name_plural = _("sensitive data reads")
        ordering: ClassVar = ["-read_at"]

    def __str__(self) -> str:
        return (
            f"{self.user} read {self.object_type} {self.object_id} at {self.read_at:%Y-%m-%d %H:%M}"
        )


class ScheduledFiring(models.Model):
    """One firing of a periodic job: the unique (job, due time) row is the claim, so a slot fires
    once however many scheduler processes run (see ``core.operations.scheduler``)."""

    job = models.CharField(_("job"), max_length=100)
    due_at = models.DateTimeField(_("due at"))
    fired_at = models.DateTimeField(_("fired at"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled firing")
        verbose_name_plural = _("scheduled firings")
        ordering: ClassVar = ["-due_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_firing_once")
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.due_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """A background worker's sign of life, refreshed every few seconds while it runs."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering: ClassVar = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
