"""Project URLs plus the planning API at /api/v1/planning/ until ``fragola.api`` mounts it."""

from django.urls import Resolver404, path, resolve
from ninja import NinjaAPI

from fragola.core.api_auth import session_or_token
from fragola.scheduling.api import router
from fragola.urls import urlpatterns as project_urlpatterns

try:
    resolve("/api/v1/planning/runs/1", urlconf="fragola.urls")
    urlpatterns = list(project_urlpatterns)
except Resolver404:
    planning_api = NinjaAPI(
        urls_namespace="planning_api_test", auth=session_or_token(), docs_url=None, openapi_url=None
    )
    planning_api.add_router("/v1/planning/", router)
    urlpatterns = [path("api/", planning_api.urls), *project_urlpatterns]
