from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "fragola.procurement"
    label = "procurement"
    verbose_name = _("Public contracts")
    default_auto_field = "django.db.models.BigAutoField"
