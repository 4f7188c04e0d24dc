from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from fragola.api import api
from fragola.core import converters

# ``<id:...>`` in every app's URLs: registered before their modules are imported below.
converters.register()

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("fragola.core.urls")),
    path("", include("fragola.registry.urls")),
    path("", include("fragola.compliance.urls")),
    path("", include("fragola.care.urls")),
    path("", include("fragola.integration.urls")),
    path("", include("fragola.governance.urls")),
    path("", include("fragola.planning.urls")),
    path("", include("fragola.procurement.urls")),
    path("", include("fragola.backoffice.urls")),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
