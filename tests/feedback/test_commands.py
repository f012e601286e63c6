"""The feedback commands: purging old comments, and the demonstration ratings."""

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
from tests.feedback.factories import make_rating

pytestmark = pytest.mark.django_db

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def run(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


# purge_rating_comments ---------------------------------------------------------------


@pytest.fixture
def aged():
    """An old rating with a comment, an old one without, and a recent one with a comment."""
    return {
        "old": make_rating(2, created_at=days_ago(400), comment="Old and personal"),
        "old_silent": make_rating(5, created_at=days_ago(500)),
        "recent": make_rating(4, created_at=days_ago(10), comment="Recent remark"),
    }


def snapshot():
    return {
        row["pk"]: row
        for row in Rating.objects.values(
            "pk", "score", "comment", "path", "language", "created_at", "updated_at", "browser"
        )
    }


def test_purge_blanks_only_old_comments_in_one_query(aged, django_assert_num_queries):
    """Comments older than the retention period are blanked with one UPDATE; the rest stays."""
    before = snapshot()

    with django_assert_num_queries(1):
        output = run("purge_rating_comments")

    after = snapshot()
    old = aged["old"].pk
    assert after[old]["comment"] == ""
    assert {**after[old], "comment": before[old]["comment"]} == before[old]
    assert {pk: row for pk, row in after.items() if pk != old} == {
        pk: row for pk, row in before.items() if pk != old
    }
    assert "Purged 1 comment" in output
    assert "older than 365 days" in output


def test_purge_takes_days_from_the_option_or_the_setting(aged, settings):
    """--days overrides FEEDBACK_COMMENT_RETENTION_DAYS, which is the default."""
    settings.FEEDBACK_COMMENT_RETENTION_DAYS = 5
    assert "Purged 2 comment" in run("purge_rating_comments")
    assert not Rating.objects.with_comments().exists()
    assert Counter(Rating.objects.values_list("score", flat=True)) == Counter([2, 5, 4])

    make_rating(3, created_at=days_ago(3), comment="Very recent")
    assert "Purged 1 comment" in run("purge_rating_comments", "--days", "1")
    assert not Rating.objects.with_comments().exists()


def test_purge_dry_run_changes_nothing(aged):
    """A dry run says how many comments would go, and every row stays as it was."""
    before = snapshot()

    output = run("purge_rating_comments", "--dry-run")

    assert snapshot() == before
    assert "Dry run: 1 comment" in output
    assert "nothing was changed" in output


# load_demo_ratings ------------------------------------------------------------------


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
