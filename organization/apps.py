from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "organization"
    verbose_name = _("Organization")

    def ready(self):
        # A save of the identity empties its cached copy and the page cache.
        from . import identity

        identity.connect()
