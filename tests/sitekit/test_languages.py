from django.urls import reverse
from django.utils import translation

from sitekit.languages import in_each_language


def test_in_each_language_calls_once_per_language_in_that_language():
    """{code: value} for every language, each value made with its language active."""
    translation.activate("fr")
    seen = in_each_language(translation.get_language)
    assert seen == {"ar": "ar", "en": "en", "fr": "fr"}
    assert in_each_language(lambda: reverse("news:article_list")) == {
        "ar": "/ar/news/",
        "en": "/en/news/",
        "fr": "/fr/news/",
    }
    assert translation.get_language() == "fr"
