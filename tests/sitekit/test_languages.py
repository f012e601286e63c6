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


def test_translated_path_keeps_the_query_and_is_asked_once_per_language(rf, monkeypatch):
    """The request's address in each language, query string kept; a second ask reuses it."""
    from sitekit import languages

    calls = []
    original = languages.translate_url

    def counted(url, code):
        calls.append(code)
        return original(url, code)

    monkeypatch.setattr(languages, "translate_url", counted)
    request = rf.get("/en/news/", {"page": "2"})
    paths = {code: languages.translated_path(request, code) for code in ("ar", "fr", "ar")}
    assert paths == {"ar": "/ar/news/?page=2", "fr": "/fr/news/?page=2"}
    assert calls == ["ar", "fr"]
