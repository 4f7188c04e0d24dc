from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "fragola.compliance"
    label = "compliance"
    verbose_name = _("Compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fragola.compliance.whatif import membership_change_check, membership_override_record
        from fragola.registry.hooks import register_change_check, register_override_recorder

        register_change_check(membership_change_check)
        register_override_recorder(membership_override_record)
