"""The board of directors (c.c. art. 2542) and the members' assemblies (c.c. art. 2538)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fragola.core.models import TimeStampedModel
from fragola.registry.models import Organisation, Person


class BoardRole(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    DIRECTOR = "director", _("Director")


class BoardSeat(TimeStampedModel):
    """A seat on the board of directors; ``ended_on`` is the last day on the board (inclusive)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="board_seats"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_seats")
    role = models.CharField(_("role"), max_length=20, choices=BoardRole.choices)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["started_on", "pk"]
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="board_seat_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class AssemblyKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary assembly")
    EXTRAORDINARY = "extraordinary", _("Extraordinary assembly")


class Assembly(TimeStampedModel):
    """A general meeting of the members."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assemblies"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=AssemblyKind.choices, default=AssemblyKind.ORDINARY
    )
    agenda = models.TextField(_("agenda"), blank=True)

    class Meta:
        ordering: ClassVar = ["held_on", "pk"]
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"
