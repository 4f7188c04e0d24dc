from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "fragola.care"
    label = "care"
    verbose_name = _("Home care")
    default_auto_field = "django.db.models.BigAutoField"
