"""Writes of the compliance app: settings, and the scan that turns results into alerts.

A scan evaluates every rule today and stores each co-op's results (``standings``, which the
consortium's pages read); a rule in breach or warning opens one ``ComplianceAlert`` (per rule
and status) and e-mails the co-op's administrators, plus the staff of its consortia for a
breach; an open alert is resolved when its rule no longer has that status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import fragola_law as r
from fragola.compliance.adapter import evaluate_all
from fragola.compliance.models import AlertStatus, ComplianceAlert, ComplianceSettings
from fragola.compliance.standings import standings_store
from fragola.compliance.wording import explain
from fragola.registry.models import ConsortiumMembership, Organisation, Role, RoleName

ALERTING: dict[r.Status, str] = {
    r.Status.BREACH: AlertStatus.BREACH,
    r.Status.WARNING: AlertStatus.WARNING,
}


@transaction.atomic
def compliance_settings_update(
    *, organisation: Organisation, l4_3_denominator: str, g4_count_volunteers: bool
) -> ComplianceSettings:
    row, _created = ComplianceSettings.objects.update_or_create(
        organisation=organisation,
        defaults={
            "l4_3_denominator": l4_3_denominator,
            "g4_count_volunteers": g4_count_volunteers,
        },
    )
    return row


def compliance_scan(
    *, org_ids: Collection[int] | None = None, today: dt.date | None = None
) -> list[ComplianceAlert]:
    """Evaluate ``org_ids`` (all if None) and sync their alerts; returns the alerts opened."""
    day = today or timezone.localdate()
    results = evaluate_all(day, org_ids)
    with transaction.atomic():
        opened = _sync_alerts(results)
        standings_store(results=results, as_of=day)
    if opened:
        transaction.on_commit(lambda: alerts_email(alerts=opened))
    return opened


def _sync_alerts(results: dict[int, list[r.RuleResult]]) -> list[ComplianceAlert]:
    open_alerts = ComplianceAlert.objects.filter(
        organisation_id__in=list(results), resolved_at__isnull=True
    ).values_list("pk", "organisation_id", "rule", "status")
    if len(results) > 5000:  # the whole country: one query, no IN list
        open_alerts = ComplianceAlert.objects.filter(resolved_at__isnull=True).values_list(
            "pk", "organisation_id", "rule", "status"
        )
    current = {(org, rule, status): pk for pk, org, rule, status in open_alerts}
    wanted: dict[tuple[int, str, str], r.RuleResult] = {
        (org_id, result.rule, ALERTING[result.status]): result
        for org_id, org_results in results.items()
        for result in org_results
        if result.status in ALERTING
    }
    stale = [pk for key, pk in current.items() if key not in wanted and key[0] in results]
    if stale:
        ComplianceAlert.objects.filter(pk__in=stale).update(resolved_at=timezone.now())
    new = [
        ComplianceAlert(
            organisation_id=org_id,
            rule=rule,
            status=status,
            code=result.code,
            facts=r.result.facts_to_json(result.facts),
        )
        for (org_id, rule, status), result in wanted.items()
        if (org_id, rule, status) not in current
    ]
    return ComplianceAlert.objects.bulk_create(new, batch_size=1000)


def _recipients(alerts: list[ComplianceAlert]) -> dict[int, dict[str, list[str]]]:
    """Organisation id → {"admins": [...], "staff": [...]} e-mail addresses."""
    org_ids = {a.organisation_id for a in alerts}
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"admins": [], "staff": []})
    admins = Role.objects.filter(organisation_id__in=org_ids, name=RoleName.ADMIN)
    for org_id, email in admins.values_list("organisation_id", "user__email"):
        if email:
            found[org_id]["admins"].append(email)
    today = timezone.localdate()
    links = ConsortiumMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today), member_id__in=org_ids, joined_on__lte=today
    ).values_list("member_id", "consortium_id")
    consortia: dict[int, list[int]] = defaultdict(list)
    for member_id, consortium_id in links:
        consortia[consortium_id].append(member_id)
    staff = Role.objects.filter(organisation_id__in=list(consortia), name=RoleName.STAFF)
    for consortium_id, email in staff.values_list("organisation_id", "user__email"):
        for member_id in consortia[consortium_id] if email else ():
            found[member_id]["staff"].append(email)
    return found


def alerts_email(*, alerts: list[ComplianceAlert]) -> int:
    """Send one e-mail per alert (in Italian, the default language); returns the number sent."""
    recipients = _recipients(alerts)
    names = dict(
        Organisation.objects.filter(pk__in={a.organisation_id for a in alerts}).values_list(
            "pk", "name"
        )
    )
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for alert in alerts:
            to = list(recipients[alert.organisation_id]["admins"])
            if alert.status == AlertStatus.BREACH:
                to += recipients[alert.organisation_id]["staff"]
            if not to:
                continue
            subject, body = _email_text(alert, names.get(alert.organisation_id, ""))
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(to))))
            alert.emailed_to = sorted(set(to))
    sent = send_mass_mail(messages, fail_silently=True) if messages else 0
    ComplianceAlert.objects.bulk_update([a for a in alerts if a.emailed_to], ["emailed_to"])
    return sent


def _email_text(alert: ComplianceAlert, org_name: str) -> tuple[str, str]:
    status = AlertStatus(alert.status).label
    subject = _("[Fragola] %(org)s: %(rule)s %(status)s") % {
        "org": org_name,
        "rule": alert.rule,
        "status": status,
    }
    # Sensitive details (which workers' certificates expire) never leave in an e-mail.
    body = "\n\n".join(
        [
            explain(alert.result(), personal=False),
            _("See the compliance page in Fragola for the numbers and the 12-month timeline."),
        ]
    )
    return subject, body
