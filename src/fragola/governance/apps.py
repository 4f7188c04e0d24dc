from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "fragola.governance"
    label = "governance"
    verbose_name = _("Governance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fragola.compliance.adapter import register_board_source, register_meeting_source
        from fragola.governance.compliance_facts import board_facts, meeting_facts

        register_board_source(board_facts)
        register_meeting_source(meeting_facts)
