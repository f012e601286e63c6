import datetime
from html.parser import HTMLParser

import feedparser
import pytest
from django.utils import timezone, translation

from news.models import Article
from tests.factories import make_agreement, make_article, make_category

pytestmark = pytest.mark.django_db

LANGS = ["ar", "en", "fr"]


@pytest.fixture
def news():
    """Two categories, a full article, one without French, and three that are not public."""
    agreements = make_category(
        name_ar="اتفاقيات", name_en="Agreements", name_fr="Accords",
        slug_ar="اتفاقيات", slug_en="agreements", slug_fr="accords",
    )  # fmt: skip
    events = make_category(slug_en="events", slug_fr="evenements")
    full = make_article(
        category=agreements,
        published_at=datetime.datetime(2024, 5, 2, 9, tzinfo=datetime.UTC),
        title_en="Signing in Rabat & beyond",
        slug_en="signing-in-rabat",
        summary_en="Two <organizations> agree.",
    )
    make_agreement(article=full)
    no_french = make_article(
        category=events,
        languages=("ar", "en"),
        published_at=datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC),
        title_en="Only in English and Arabic",
        slug_en="only-en-ar",
    )
    hidden = [
        make_article(category=agreements, title_en="A draft", status=Article.Status.DRAFT),
        make_article(category=agreements, title_en="In review", status=Article.Status.IN_REVIEW),
        make_article(
            category=agreements,
            title_en="Tomorrow",
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
    ]
    return {
        "full": full,
        "no_french": no_french,
        "hidden": hidden,
        "agreements": agreements,
        "events": events,
    }


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def url_in(obj, code):
    with translation.override(code):
        return obj.get_absolute_url()


@pytest.mark.parametrize("code", LANGS)
def test_news_feed_parses_with_absolute_links_in_its_language(client, news, code):
    """Each language's feed parses cleanly, is in that language and links to absolute addresses."""
    feed = parse(client.get(f"/{code}/feeds/news/"))
    assert feed.version == "atom10"
    assert feed.feed.language == code
    assert feed.feed.link == f"http://testserver/{code}/news/"
    assert feed.feed.title and feed.feed.subtitle and feed.feed.author
    links = [entry.link for entry in feed.entries]
    assert links == [
        f"http://testserver{url_in(news['full'], code)}",
        f"http://testserver{url_in(news['no_french'], code)}",
    ]
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == getattr(news["full"], f"title_{code}")


def test_entry_text_is_plain_and_escaped_once(client, news):
    """Titles and summaries are text: an ampersand or angle brackets read as typed."""
    entry = parse(client.get("/en/feeds/news/")).entries[0]
    assert entry.title == "Signing in Rabat & beyond"
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == "Two <organizations> agree."


@pytest.mark.parametrize("code", LANGS)
def test_entries_carry_their_own_language(client, news, code):
    """An entry is in the feed's language, or in the fallback language its text really is in."""
    feed = parse(client.get(f"/{code}/feeds/news/"))
    full, no_french = feed.entries
    assert full.title_detail.language == code
    assert full.summary_detail.language == code
    # Without French, the French feed shows the English text, marked as English.
    expected = "en" if code == "fr" else code
    assert no_french.title_detail.language == expected
    assert no_french.summary_detail.language == expected
    assert no_french.title == getattr(news["no_french"], f"title_{expected}")


def test_published_and_updated_times(client, news):
    """Entries give the publication time and the last change, never earlier than publication."""
    full = news["full"]
    Article.objects.filter(pk=full.pk).update(
        updated_at=datetime.datetime(2024, 5, 3, 12, tzinfo=datetime.UTC)
    )
    feed = parse(client.get("/en/feeds/news/"))
    entry, no_french = feed.entries
    assert entry.published_parsed[:6] == (2024, 5, 2, 9, 0, 0)
    assert entry.updated_parsed[:6] == (2024, 5, 3, 12, 0, 0)
    # Created now but published earlier: updated is its creation, after publication.
    assert no_french.updated_parsed >= no_french.published_parsed
    assert feed.feed.updated_parsed >= entry.updated_parsed


def test_scheduled_article_counts_as_updated_when_it_appears(client, news):
    """An article written before its publication time is 'updated' when it is published."""
    due = timezone.now() - datetime.timedelta(minutes=1)
    Article.objects.filter(pk=news["full"].pk).update(
        published_at=due, updated_at=due - datetime.timedelta(days=2)
    )
    entry = parse(client.get("/en/feeds/news/")).entries[0]
    assert entry.updated_parsed == entry.published_parsed


def test_drafts_reviews_and_scheduled_articles_are_never_entries(client, news):
    """Only published articles whose time has come appear, in every feed."""
    for path in ("/en/feeds/news/", "/en/feeds/categories/agreements/"):
        titles = [entry.title for entry in parse(client.get(path)).entries]
        assert not {"A draft", "In review", "Tomorrow"} & set(titles)


def test_feed_holds_the_twenty_latest(client, news):
    """The feed lists the 20 latest public articles, newest first."""
    start = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
    for day in range(25):
        make_article(
            category=news["events"],
            title_en=f"Day {day}",
            published_at=start + datetime.timedelta(days=day),
        )
    titles = [entry.title for entry in parse(client.get("/en/feeds/news/")).entries]
    assert titles == [f"Day {day}" for day in range(24, 4, -1)]


@pytest.mark.parametrize(
    ("code", "slug"), [("ar", "اتفاقيات"), ("en", "agreements"), ("fr", "accords")]
)
def test_category_feed_lists_only_its_category(client, news, code, slug):
    """A category's feed, at its slug in each language, holds that category's articles only."""
    feed = parse(client.get(f"/{code}/feeds/categories/{slug}/"))
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{url_in(news['full'], code)}"
    ]
    assert getattr(news["agreements"], f"name_{code}") in feed.feed.title
    assert feed.entries[0].tags[0].term == getattr(news["agreements"], f"name_{code}")


def test_category_feed_with_another_languages_slug_redirects(client, news):
    """The French feed asked with the English slug is sent to the French slug."""
    response = client.get("/fr/feeds/categories/agreements/")
    assert response.status_code == 301
    assert response.url == "/fr/feeds/categories/accords/"


def test_unknown_category_feed_is_404(client, news):
    """A category that does not exist has no feed."""
    assert client.get("/en/feeds/categories/no-such-thing/").status_code == 404


def test_entry_ids_survive_a_corrected_slug(client, news):
    """An entry's id comes from the permanent link: correcting a slug keeps it, per language."""
    before = {e.id for e in parse(client.get("/en/feeds/news/")).entries}
    Article.objects.filter(pk=news["full"].pk).update(slug_en="signing-rabat")
    after = parse(client.get("/en/feeds/news/"))
    assert {e.id for e in after.entries} == before
    assert f"tag:testserver,2024-05-02:/a/{news['full'].pk}/en" in before
    french = {e.id for e in parse(client.get("/fr/feeds/news/")).entries}
    assert not french & before


class FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("type") == "application/atom+xml":
            assert attrs["rel"] == "alternate" and attrs["title"]
            self.feeds.append(attrs["href"])


def feed_links(response):
    parser = FeedLinks()
    parser.feed(response.content.decode())
    return parser.feeds


@pytest.mark.parametrize("code", LANGS)
def test_every_page_links_to_its_languages_feed(client, news, code):
    """Every public page's head links to the news feed in the page's language."""
    agreement = news["full"].agreement
    pages = [
        f"/{code}/",
        f"/{code}/news/",
        f"/{code}/agreements/",
        url_in(agreement, code),
        f"/{code}/partners/",
        url_in(agreement.partners.get(), code),
    ]
    for page in pages:
        assert f"http://testserver/{code}/feeds/news/" in feed_links(client.get(page)), page


def test_article_and_category_pages_link_to_the_category_feed(client, news):
    """An article, and the news filtered by its category, also link to the category's feed."""
    expected = "http://testserver/fr/feeds/categories/accords/"
    assert expected in feed_links(client.get(url_in(news["full"], "fr")))
    assert expected in feed_links(client.get("/fr/news/?category=accords"))
    assert expected not in feed_links(client.get("/fr/news/"))
