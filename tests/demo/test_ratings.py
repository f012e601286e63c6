"""The demo ratings command: realistic, reproducible, run once."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.encoding import uri_to_iri

from feedback.models import Rating
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def run(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def articles():
    """Three published articles, each with text in every language."""
    return [make_article() for _ in range(3)]


def test_demo_ratings_cover_twelve_weeks_of_real_pages(articles):
    """About 400 ratings over the last 12 weeks, on pages that exist, in the page's language."""
    output = run("load_demo_ratings")
    ratings = list(Rating.objects.all())
    now = timezone.now()

    assert "Created 400 demo ratings" in output
    assert len(ratings) == 400
    assert all(now - datetime.timedelta(weeks=12) <= r.created_at <= now for r in ratings)
    # Spread out: ratings in (nearly) every one of the twelve weeks.
    assert sum(1 for week in Rating.objects.weekly(weeks=12) if week["count"]) >= 11
    for path, language in {(r.path, r.language) for r in ratings}:
        assert path.startswith(f"/{language}/")
        with translation.override(language):
            match = resolve(path)
        assert match.namespace == "news", path
    article_paths = set()
    for code in ("ar", "en", "fr"):
        with translation.override(code):
            article_paths |= {uri_to_iri(article.get_absolute_url()) for article in articles}
    assert article_paths <= {r.path for r in ratings}
    assert {"/ar/", "/en/", "/fr/", "/ar/news/", "/en/agreements/"} <= {r.path for r in ratings}


def test_demo_ratings_look_like_real_answers(articles):
    """Mostly Arabic pages, mostly satisfied, a page clearly worse, a fifth with comments."""
    run("load_demo_ratings")
    ratings = list(Rating.objects.all())
    languages = Counter(r.language for r in ratings)
    summary = Rating.objects.summary()
    with_comments = [r for r in ratings if r.comment]

    assert languages.most_common(1)[0][0] == "ar"
    assert set(languages) == {"ar", "en", "fr"}
    assert 65 <= summary["csat"] <= 90
    assert {r.score for r in ratings} == {1, 2, 3, 4, 5}
    worst = Rating.objects.lowest_pages(minimum=5)[0]
    assert worst["average"] < 3 < summary["average"]
    assert 0.12 <= len(with_comments) / len(ratings) <= 0.28
    assert all(ARABIC_LETTER.search(r.comment) for r in with_comments if r.language == "ar")
    assert all(LATIN_LETTER.search(r.comment) for r in with_comments if r.language != "ar")
    assert len({r.comment for r in with_comments}) >= 30
    assert len({r.browser for r in ratings}) == 400
    assert all(re.fullmatch(r"[0-9a-f]{64}", r.browser) for r in ratings)


def test_demo_ratings_are_reproducible(articles):
    """The same seed gives the same pages, answers and comments."""

    def answers():
        return Counter(Rating.objects.values_list("path", "language", "score", "comment"))

    run("load_demo_ratings")
    first = answers()
    Rating.objects.all().delete()
    run("load_demo_ratings")

    assert answers() == first


def test_demo_ratings_run_once(articles):
    """A second run says it skipped and creates nothing."""
    run("load_demo_ratings")
    before = set(Rating.objects.values_list("pk", "browser"))

    output = run("load_demo_ratings")

    assert "Skipped" in output
    assert set(Rating.objects.values_list("pk", "browser")) == before


def test_demo_ratings_without_articles_use_the_section_pages():
    """With no article published, the ratings go to the home, news and agreements pages."""
    run("load_demo_ratings")

    assert set(Rating.objects.values_list("path", flat=True)) == {
        f"/{code}/{section}"
        for code in ("ar", "en", "fr")
        for section in ("", "news/", "agreements/")
    }
