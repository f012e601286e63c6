from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("healthz", views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("feedback.urls")),
    path("", include("news.urls")),
)

if settings.SERVE_MEDIA:
    # Development only; production's web server serves MEDIA_ROOT itself.
    urlpatterns += [
        re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), views.media),
    ]
