from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fragola.core"
    label = "core"
    verbose_name = _("Fragola core")

    def ready(self) -> None:
        # Sessions are stamped at login (the user_logged_in signal), before any request.
        from fragola.core import sessions  # noqa: F401
