from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "fragola.integration"
    label = "integration"
    verbose_name = _("Work integration")
    default_auto_field = "django.db.models.BigAutoField"
