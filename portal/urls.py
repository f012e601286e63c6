from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from news import views as news_views
from news.sitemaps import SITEMAPS

from . import views

urlpatterns = [
    # Outside i18n_patterns: probes and Prometheus ask for these exact paths.
    path("healthz", views.health, name="health"),
    path("readyz", views.ready, name="ready"),
    path("metrics", views.metrics, name="metrics"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # An index of paginated sections (news/sitemaps.py).
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Language-independent: the article in the visitor's language, or its best translation.
    path("a/<int:pk>/", news_views.article_permalink, name="article_permalink"),
]

handler500 = "portal.views.server_error"

urlpatterns += i18n_patterns(
    path("admin/news/translations/", include("news.translation_desk")),
    path("admin/", admin.site.urls),
    path("", include("feedback.urls")),
    path("", include("news.urls")),
)

if settings.SERVE_MEDIA:
    # Development only; production's web server serves MEDIA_ROOT itself.
    urlpatterns += [
        re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), views.media),
    ]
