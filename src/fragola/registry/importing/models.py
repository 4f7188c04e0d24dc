"""The status row of one import: who started it, how far it is, how it ended and what it found.

It is also the import's journal key: every history row the import writes carries
``journal_tag`` as its change reason, so an interrupted import can be undone from the history.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fragola.core.models import TimeStampedModel


class ImportKind(models.TextChoices):
    MEMBERS = "members", _("Members' book")
    WORKERS = "workers", _("Workers")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(TimeStampedModel):
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    upload_token = models.CharField(max_length=32, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who imported when no user did: the command's name (``fragola import members``).
    source = models.CharField(_("source"), max_length=60, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    reason = models.TextField(_("reason of the failure"), blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        app_label = "registry"
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="import_job_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="import_job_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.organisation_id} · {self.status}"

    @property
    def journal_tag(self) -> str:
        return f"import #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
