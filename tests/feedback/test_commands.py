"""The feedback commands: purging old comments, and the demonstration ratings."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Rating
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
