"""A carer's published visits: their page with the feed address, and the iCal feed itself."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseGone
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fragola.care import selectors as care_selectors
from fragola.care.models import Visit
from fragola.core.access import Perm, has_perm
from fragola.core.http import AuthedRequest
from fragola.planning import selectors, services
from fragola.planning.access import may_hold_feed
from fragola.planning.ical import calendar
from fragola.planning.models import CarerFeed
from fragola.registry.models import Organisation


@login_required
def planning_mine(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """Carers and volunteers: their own published visits and the address of their calendar."""
    if not has_perm(request.user, organisation_id, Perm.DO_VISITS):
        raise Http404("No such organisation")
    carer = care_selectors.carer_profile(request.user, organisation_id)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if carer is None or organisation is None:
        raise Http404("No such organisation")
    feed = services.carer_feed_get(carer=carer)
    request.organisation = organisation
    visits = list(selectors.published_visits(carer=carer))
    context = {
        "organisation": organisation,
        "carer": carer,
        "visits": visits,
        "visit_rows": _rows(visits),
        "feed_url": request.build_absolute_uri(reverse("planning_ical", args=[feed.token])),
    }
    return render(request, "planning/mine.html", context)


def _rows(visits: list[Visit]) -> SafeString:
    """The table's rows, as the template wrote them (day as ``date:"D j M"``, local times as
    ``time:"H:i"``), built here: a carer has a hundred visits or more, and the template
    engine took most of the page's time cell by cell."""
    days: dict[dt.date, str] = {}
    rows = []
    for visit in visits:
        if visit.day not in days:
            days[visit.day] = escape(formats.date_format(visit.day, "D j M"))
        user = visit.service_user
        comune = escape(user.comune.name) if user.comune else ""
        starts, ends = timezone.localtime(visit.starts_at), timezone.localtime(visit.ends_at)
        rows.append(
            f"\n    <tr><td>{days[visit.day]}</td><td>{starts:%H:%M}\u2013{ends:%H:%M}</td>"
            f"<td>{escape(user.display_name)}</td><td>{escape(user.address)}, {comune}</td>"
            f"<td>{escape(visit.plan_service.get_kind_display())}</td></tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308  (every value was escaped by escape())


def planning_ical(request: HttpRequest, token: str) -> HttpResponse:
    """No login (calendar apps cannot log in): the unguessable token is the key, and it opens
    the calendar only while its carer holds their role (410 Gone once it is removed, so that
    calendar apps stop asking)."""
    feeds = CarerFeed.objects.select_related("carer__person", "carer__user")
    feed = feeds.filter(token=token).first()
    if feed is None or not feed.carer.active:
        raise Http404("No such calendar")
    if not may_hold_feed(feed.carer):
        return HttpResponseGone(_("This calendar is no longer available."))
    text = calendar(
        selectors.published_visits(carer=feed.carer),
        name=f"Fragola · {feed.carer}",
        host=request.get_host().split(":")[0] or "fragola",
        now=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
