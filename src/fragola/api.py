"""Fragola's HTTP API: one NinjaAPI, one router per app, OpenAPI at /api/openapi.json.

The plumbing (ids, pages, errors, throttling, the documented answers) is in ``fragola.core.api``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from fragola.backoffice.api import router as backoffice_router
from fragola.care.api import router as care_router
from fragola.core.api import FragolaAPI, UserThrottle, names_nothing, request_field_error
from fragola.core.api_auth import session_or_token
from fragola.governance.api import router as governance_router
from fragola.integration.api import router as integration_router
from fragola.planning.api import router as planning_router
from fragola.procurement.api import router as procurement_router
from fragola.registry.api import router as registry_router
from fragola.workforce.api import router as workforce_router

api = FragolaAPI(
    title="Fragola API",
    version="1",
    urls_namespace="api",
    auth=session_or_token(),
    throttle=[UserThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
    description=(
        "The registry of social co-operatives and consortia. Authenticate with the browser "
        "session (and its CSRF token) or with a personal access token: "
        "`Authorization: Bearer frg_…`. Every call sees exactly what its user sees."
    ),
)
api.add_router("/v1/", registry_router)
api.add_router("/v1/integration/", integration_router)
api.add_router("/v1/care/", care_router)
api.add_router("/v1/planning/", planning_router)
api.add_router("/v1/workforce/", workforce_router)
api.add_router("/v1/governance/", governance_router)
api.add_router("/v1/procurement/", procurement_router)
api.add_router("/v1/backoffice/", backoffice_router)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


@api.exception_handler(NinjaValidationError)
def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    if names_nothing(list(exc.errors)):
        return api.create_response(request, {"detail": "Not Found"}, status=404)
    detail = [request_field_error(error) for error in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)
