"""``{% compliance_alert_badge organisation %}``: the number of open alerts, for navigation tabs."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from fragola.compliance.selectors import open_alert_count
from fragola.registry.models import Organisation

register = template.Library()


@register.simple_tag
def compliance_alert_badge(organisation: Organisation) -> SafeString | str:
    count = open_alert_count(organisation)
    if not count:
        return ""
    return format_html(
        '<span class="badge text-bg-danger" title="{}">{}</span>', _("Open alerts"), count
    )
