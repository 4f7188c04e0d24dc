"""What every organisation page shares: the organisation, the user's permissions there, the tab.

``page_context`` also records the organisation on the request, for the navigation bar
(``fragola.core.context_processors.tenancy``). Each permission of ``fragola.core.access.Perm``
the user holds there is a ``can_<permission>`` flag (``can_view_book``, ``can_manage_care``…).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from fragola.core.access import Perm, perms_in
from fragola.core.http import AuthedRequest


def page_context(
    request: AuthedRequest, organisation: Model, tab: str = "", **extra: Any
) -> dict[str, Any]:
    request.organisation = organisation
    held = perms_in(request.user, organisation)
    context: dict[str, Any] = {"organisation": organisation, "tab": tab}
    context.update({f"can_{perm.value}": perm in held for perm in Perm})
    context.update(extra)
    return context
