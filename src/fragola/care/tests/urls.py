"""The project's URLs, plus the care API at /api/v1/care/ until ``fragola.api`` mounts it."""

from django.urls import Resolver404, path, resolve
from ninja import NinjaAPI

from fragola.care.api import router
from fragola.core.api_auth import session_or_token
from fragola.urls import urlpatterns as project_urlpatterns

try:
    resolve("/api/v1/care/me/visits", urlconf="fragola.urls")
    urlpatterns = list(project_urlpatterns)
except Resolver404:
    care_api = NinjaAPI(
        urls_namespace="care_api_test", auth=session_or_token(), docs_url=None, openapi_url=None
    )
    care_api.add_router("/v1/care/", router)
    urlpatterns = [path("api/", care_api.urls), *project_urlpatterns]
