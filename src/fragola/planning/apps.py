from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "fragola.planning"
    label = "planning"
    verbose_name = _("Care planning")
    default_auto_field = "django.db.models.BigAutoField"
