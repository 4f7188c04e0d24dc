"""``{% polls_waiting_badge organisation %}``: how many open consultations wait for the user's
vote, on the Consultations tab of every page of the co-op (a member's "needs my vote")."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from fragola.governance.selectors import poll_waiting_for
from fragola.registry.models import Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def polls_waiting_badge(context: dict[str, Any], organisation: Organisation) -> SafeString | str:
    request = context.get("request")
    if request is None:
        return ""
    count = len(poll_waiting_for(request.user, organisation, timezone.now()))
    if not count:
        return ""
    return format_html(
        '<span class="badge text-bg-primary" id="polls-waiting" title="{}">{}</span>',
        _("Needs my vote"),
        count,
    )
