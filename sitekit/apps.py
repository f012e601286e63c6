from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitekitConfig(AppConfig):
    """What the apps share: languages and fallbacks, safe HTML, spreadsheets, client addresses."""

    name = "sitekit"
    verbose_name = _("Site toolkit")
