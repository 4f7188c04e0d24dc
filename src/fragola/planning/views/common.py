"""Helpers shared by the planning views."""

from __future__ import annotations

from django.db.models import QuerySet

from fragola.care.models import Carer
from fragola.core.http import AuthedRequest


def active_carers(organisation_id: int) -> QuerySet[Carer]:
    return Carer.objects.filter(organisation_id=organisation_id, active=True).select_related(
        "person"
    )


def base_url(request: AuthedRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")
