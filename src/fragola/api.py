"""Fragola's HTTP API: one NinjaAPI, one router per app, OpenAPI at /api/docs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from fragola.core.api_auth import session_or_token
from fragola.registry.api import router as registry_router

api = NinjaAPI(
    title="Fragola API",
    version="1",
    urls_namespace="api",
    auth=session_or_token(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    description=(
        "The registry of social co-operatives and consortia. Authenticate with the browser "
        "session (and its CSRF token) or with a personal access token: "
        "`Authorization: Bearer frg_…`. Every call sees exactly what its user sees."
    ),
)
api.add_router("/v1/", registry_router)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


@api.exception_handler(NinjaValidationError)
def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)
