from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "fragola.workforce"
    label = "workforce"
    verbose_name = _("Workforce")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fragola.registry.importing.cli import Subcommand, register_import_subcommand
        from fragola.workforce.importing import add_import_arguments, run_import_subcommand

        register_import_subcommand(
            "workers",
            Subcommand(
                "employment records and disadvantage certificates of one co-operative",
                add_import_arguments,
                run_import_subcommand,
            ),
        )
