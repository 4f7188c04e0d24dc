from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and the commands that put the apps together (``fragola demo``,
    ``fragola import``): the top layer, which imports every app it needs plainly."""

    name = "fragola.demo"
    label = "demo"
    verbose_name = _("Demo")
