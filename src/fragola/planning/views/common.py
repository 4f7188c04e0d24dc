"""Helpers shared by the planning views."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fragola.care.models import Carer
from fragola.core.http import AuthedRequest
from fragola.registry.models import Organisation


def planning_context(request: AuthedRequest, organisation: Organisation) -> dict[str, Any]:
    request.organisation = organisation  # type: ignore[attr-defined]
    return {"organisation": organisation, "tab": "planning", "can_manage": True}


def active_carers(organisation_id: int) -> QuerySet[Carer]:
    return Carer.objects.filter(organisation_id=organisation_id, active=True).select_related(
        "person"
    )


def base_url(request: AuthedRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")
