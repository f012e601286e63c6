from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and agreements")

    def ready(self):
        # Every change to what public pages show renews the page cache.
        from . import invalidation

        invalidation.connect()
