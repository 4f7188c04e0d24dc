"""Compliance data kept by Fragola: per co-op settings, overrides of refused changes, alerts."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import fragola_law as r
from fragola.registry.models import Organisation


class DenominatorMode(models.TextChoices):
    NON_DISADVANTAGED = "non_disadvantaged", _("Disadvantaged excluded: D / (W - D)")
    TOTAL = "total", _("Strict: D / W")


class ComplianceSettings(models.Model):
    """A co-op's choices where the law is read in more than one way (see docs/compliance.md)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="compliance_settings"
    )
    l4_3_denominator = models.CharField(
        _("L4.3 denominator"),
        max_length=20,
        choices=DenominatorMode.choices,
        default=DenominatorMode.NON_DISADVANTAGED,
    )
    g4_count_volunteers = models.BooleanField(
        _("G4: volunteers count as cooperators on the board"), default=False
    )

    class Meta:
        verbose_name = _("compliance settings")
        verbose_name_plural = _("compliance settings")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(l4_3_denominator__in=DenominatorMode.values),
                name="compliance_settings_denominator_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}"


class ChangeKind(models.TextChoices):
    ADMIT = "admit", _("Admission")
    EXIT = "exit", _("Exit")
    HIRE = "hire", _("Hire")
    END = "end", _("End of contract")


class ComplianceOverride(models.Model):
    """A change saved although it breaches a rule: who, when, why, which rules, what change."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="compliance_overrides"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compliance_overrides",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.TextField(_("why"))
    rules = models.JSONField(_("rules"), default=list)
    messages = models.JSONField(_("objections"), default=list)
    change_kind = models.CharField(_("change"), max_length=8, choices=ChangeKind.choices)
    change_on = models.DateField(_("date of the change"))
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.CharField(_("object id"), max_length=32, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("compliance override")
        verbose_name_plural = _("compliance overrides")

    def __str__(self) -> str:
        return f"{self.get_change_kind_display()} · {', '.join(self.rules)}"


class AlertStatus(models.TextChoices):
    BREACH = "breach", _("Breach")
    WARNING = "warning", _("Warning")


class ComplianceAlert(models.Model):
    """A rule that went to breach or warning; open until the rule passes again."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="compliance_alerts"
    )
    rule = models.CharField(_("rule"), max_length=10)
    status = models.CharField(_("status"), max_length=8, choices=AlertStatus.choices)
    # What the rule found, as the rule's code and facts (ids, counts, dates): worded when read.
    code = models.CharField(_("finding"), max_length=40, blank=True)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    emailed_to = models.JSONField(_("e-mailed to"), default=list)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("compliance alert")
        verbose_name_plural = _("compliance alerts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "rule", "status"],
                condition=Q(resolved_at__isnull=True),
                name="compliance_alert_one_open_per_rule_status",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AlertStatus.values), name="compliance_alert_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.status} · {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def result(self) -> r.RuleResult:
        """The rule result the alert was opened for, to be worded in the reader's language."""
        return r.result.make_result(
            self.rule,
            r.Status(self.status),
            self.code,
            source=r.SOURCES.get(self.rule, ""),
            facts=r.result.facts_from_json(self.facts),
        )


class ComplianceStanding(models.Model):
    """A co-op's latest result by one rule, kept so that a consortium's pages read, not compute.

    Written by every scan and after every vetted change; removed as soon as one of the facts the
    rules read changes (``compliance.signals``), so a missing row means "check it now".
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="compliance_standings"
    )
    rule = models.CharField(_("rule"), max_length=10)
    status = models.CharField(_("status"), max_length=16)
    code = models.CharField(_("finding"), max_length=40, blank=True)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)  # the engine's order
    as_of = models.DateField(_("checked for the day"))
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering: ClassVar = ["organisation", "position"]
        verbose_name = _("compliance standing")
        verbose_name_plural = _("compliance standings")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "rule"], name="compliance_standing_one_per_rule"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.status} · {self.organisation}"

    @classmethod
    def of(
        cls, org_id: int, position: int, result: r.RuleResult, *, as_of: dt.date, at: dt.datetime
    ) -> ComplianceStanding:
        return cls(
            organisation_id=org_id,
            rule=result.rule,
            status=result.status.value,
            code=result.code,
            facts=r.result.facts_to_json(result.facts),
            value=result.value,
            threshold=result.threshold,
            numerator=result.numerator,
            denominator=result.denominator,
            position=position,
            as_of=as_of,
            checked_at=at,
        )

    def result(self) -> r.RuleResult:
        """The stored result, to be worded in the reader's language."""
        return result_of(*(getattr(self, name) for name in RESULT_FIELDS))


RESULT_FIELDS = (
    "rule",
    "status",
    "code",
    "facts",
    "value",
    "threshold",
    "numerator",
    "denominator",
)


def result_of(
    rule: str,
    status: str,
    code: str,
    facts: dict[str, object],
    value: float | None,
    threshold: float | None,
    numerator: float | None,
    denominator: float | None,
) -> r.RuleResult:
    """A stored result (the ``RESULT_FIELDS`` of a ``ComplianceStanding``) as the rule's."""
    return r.result.make_result(
        rule,
        r.Status(status),
        code,
        source=r.SOURCES.get(rule, ""),
        facts=r.result.facts_from_json(facts),
        value=value,
        threshold=threshold,
        numerator=numerator,
        denominator=denominator,
    )
