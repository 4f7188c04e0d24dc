from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "fragola.integration"
    label = "integration"
    verbose_name = _("Work integration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fragola.registry.demo.extensions import register_demo_extension

        register_demo_extension("integration", _integration_demo)


def _integration_demo(organisations: Any, today: Any) -> list[Any]:
    from fragola.integration.demo import integration_demo_load

    integration_demo_load(organisations=organisations, today=today)
    return []  # the demo's tutor login comes from the registry demo
