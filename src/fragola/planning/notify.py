"""E-mails to carers and volunteers: their visits after a plan is published or repaired."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from fragola.care.models import Carer, Visit, VisitStatus
from fragola.planning.models import CarerFeed, PlanningRun


def _address(carer: Carer) -> str:
    return (carer.user.email if carer.user else "") or carer.person.email


def _line(visit: Visit) -> str:
    when = formats.date_format(visit.starts_at, "l j F H:i")
    user = visit.service_user
    return (
        f"- {when}: {user.display_name}, {user.address} ({visit.plan_service.get_kind_display()})"
    )


def _body(carer: Carer, visits: list[Visit], run: PlanningRun, feed_url: str) -> str:
    lines = [
        _("Hello %(name)s,") % {"name": carer.person.first_name},
        "",
        _("%(org)s has published your visits from %(start)s to %(end)s:")
        % {"org": run.organisation.name, "start": run.period_start, "end": run.period_end},
        "",
        *[_line(v) for v in visits],
    ]
    if not visits:
        lines.append(_("You have no visits in this period."))
    if feed_url:
        lines += ["", _("Your calendar (keep this address private): %(url)s") % {"url": feed_url}]
    return "\n".join(lines)


def schedules_email(*, run_id: int, carer_ids: Iterable[int], base_url: str = "") -> int:
    """One e-mail per carer with an address: their visits of the run's period, in order."""
    run = PlanningRun.objects.select_related("organisation").get(pk=run_id)
    carers = Carer.objects.filter(pk__in=set(carer_ids)).select_related("person", "user")
    visits = Visit.objects.filter(
        carer__in=carers,
        day__gte=run.period_start,
        day__lte=run.period_end,
        status=VisitStatus.ASSIGNED,
    ).select_related("service_user", "plan_service")
    by_carer: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits.order_by("starts_at"):
        by_carer[visit.carer_id or 0].append(visit)
    feeds = dict(CarerFeed.objects.filter(carer__in=carers).values_list("carer_id", "token"))
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Fragola] Your visits from %(start)s") % {"start": run.period_start}
        for carer in carers:
            to = _address(carer)
            if not to:
                continue
            token = feeds.get(carer.pk)
            url = base_url.rstrip("/") + reverse("planning_ical", args=[token]) if token else ""
            body = _body(carer, by_carer.get(carer.pk, []), run, url)
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [to]))
    return send_mass_mail(messages, fail_silently=True) if messages else 0
