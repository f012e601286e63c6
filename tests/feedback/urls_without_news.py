"""The site's URLs without the news pages, for a test of the rated page check."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(path("", include("feedback.urls")))
