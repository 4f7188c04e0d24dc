from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "fragola.compliance"
    label = "compliance"
    verbose_name = _("Compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The apps below compliance (registry, workforce) have changes vetted through one port
        # of the registry; this is the only place that fills it.
        from fragola.compliance.vetting import ComplianceVetter
        from fragola.registry.hooks import install_vetter

        install_vetter(ComplianceVetter())
