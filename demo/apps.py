from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration content, ratings and accounts, loaded by `make run`."""

    name = "demo"
    verbose_name = _("Demonstration content")
