from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "fragola.care"
    label = "care"
    verbose_name = _("Home care")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registry's demo calls its extensions; it never imports the care app itself.
        try:
            from fragola.registry.demo.extensions import register_demo_extension
        except ImportError:  # no extension hook in this registry: wire care_demo_load by hand
            return
        from fragola.care.demo import demo_extension

        register_demo_extension("care", demo_extension)
