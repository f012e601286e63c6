"""Scheduled withdrawal: an article's end of publication (`unpublish_at`), with no job to run."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from news.models import Agreement, Article
from portal.cache import seconds_until_next_change
from sitekit.pagecache import generation
from tests.factories import make_agreement, make_article, make_category
from tests.news.test_admin import change_url, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editorial_groups", "midday")]


def test_withdrawn_article_leaves_every_public_page(client):
    """Past its end, an article is gone from lists, its page, the feed, sitemap and search,
    and the agreement it announces from the registry."""
    category = make_category(slug_en="calls")
    now = timezone.now()
    gone = make_article(
        category=category,
        title_en="Call for applications closed",
        slug_en="call-closed",
        published_at=now - datetime.timedelta(days=3),
        unpublish_at=now - datetime.timedelta(minutes=1),
    )
    make_agreement(article=gone, title_en="Withdrawn accord")
    make_article(category=category, title_en="Still here", slug_en="still-here")
    assert list(Article.objects.published().values_list("title_en", flat=True)) == ["Still here"]
    assert not Agreement.objects.visible().filter(title_en="Withdrawn accord").exists()
    for url in ["/en/news/", "/en/feeds/news/", "/sitemap-articles.xml", "/en/search/?q=call"]:
        text = client.get(url).content.decode()
        assert "call-closed" not in text and "Call for applications closed" not in text, url
    assert "Still here" in client.get("/en/news/").text
    assert "Withdrawn accord" not in client.get("/en/agreements/").text
    assert client.get(gone.get_absolute_url()).status_code == 404


def test_article_leaves_a_cached_page_on_time(client, settings):
    """A cached list drops the article at its end of publication: no save, no job."""
    settings.PAGE_CACHE_SECONDS = 300
    ends = timezone.now() + datetime.timedelta(minutes=2)
    make_article(title_en="Embargo ends soon", unpublish_at=ends)
    assert "Embargo ends soon" in client.get("/en/news/").text
    assert "Embargo ends soon" in client.get("/en/news/").text  # from the cache
    with time_machine.travel(ends + datetime.timedelta(seconds=1)):
        assert "Embargo ends soon" not in client.get("/en/news/").text


def test_next_withdrawal_caps_the_cache_timeout():
    """The page cache's timeout is the earliest of the next publication and withdrawal."""
    now = timezone.now()
    make_article(unpublish_at=now + datetime.timedelta(seconds=90))
    make_article(published_at=now + datetime.timedelta(seconds=600))
    assert Article.objects.next_change() == Article.objects.next_withdrawal()
    assert 80 <= seconds_until_next_change(cache, generation()) <= 90


def test_end_must_follow_publication():
    """The database refuses an end of publication before the publication time; clean says so."""
    article = make_article()
    article.unpublish_at = article.published_at - datetime.timedelta(hours=1)
    with pytest.raises(Exception) as error:
        article.full_clean()
    assert "unpublish_at" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_only_publishers_set_the_end(editor_client, publisher_client):
    """An editor's crafted end of publication is ignored; a publisher's is kept and listed."""
    draft = make_article(status="draft", published_at=None, title_en="Draft call")
    data = form_data(editor_client, change_url(draft))
    data.update({"unpublish_at_0": "2031-01-01", "unpublish_at_1": "00:00:00"})
    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.unpublish_at is None

    article = make_article(title_en="Open call")
    data = form_data(publisher_client, change_url(article))
    data.update({"unpublish_at_0": "2031-01-01", "unpublish_at_1": "00:00:00"})
    assert publisher_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.unpublish_at).year == 2031
    listing = publisher_client.get("/en/admin/news/article/").text
    assert "until 2031-01-01 00:00" in listing


def test_list_says_withdrawn_since(publisher_client):
    """A withdrawn article is listed as such, with the time it left the site."""
    now = timezone.now()
    make_article(
        published_at=now - datetime.timedelta(days=2), unpublish_at=now - datetime.timedelta(days=1)
    )
    assert "Withdrawn since" in publisher_client.get("/en/admin/news/article/").text
