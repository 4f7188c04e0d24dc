from typing import Any

from django.http import HttpRequest


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The organisation the page is about, for the navigation bar (set by views)."""
    return {"current_organisation": getattr(request, "organisation", None)}
