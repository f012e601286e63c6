import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article
from organization import identity
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', response.text)


def at(year, month=6, day=1):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def catalogue():
    """30 articles over two categories and three years; five announce an agreement."""
    news = make_category(slug_en="news", slug_fr="actualites", slug_ar="أخبار")
    culture = make_category(slug_en="culture", slug_fr="culture", slug_ar="ثقافة")
    partner = make_partner(slug="atlas")
    for n in range(30):
        article = make_article(
            category=news if n % 2 else culture,
            published_at=at(2022 + n % 3, 1 + n % 12, 1 + n),
            title_en=f"Item {n:02d}",
        )
        if n < 5:
            make_agreement(partners=[partner], article=article)
    return {"news": news, "culture": culture, "partner": partner}


def test_news_list_pages_by_twelve_newest_first(client, catalogue):
    """The list shows 12 articles a page, newest first, with a link to the next page."""
    first = client.get("/en/news/")
    assert len(titles(first)) == 12
    expected = list(
        Article.objects.published().order_by("-published_at").values_list("title_en", flat=True)
    )
    assert titles(first) == expected[:12]
    assert 'href="?page=2" rel="next"' in first.text
    third = client.get("/en/news/?page=3")
    assert titles(third) == expected[24:]
    assert "Page 3 of 3" in third.text


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "9" * 40])
def test_page_out_of_range_or_not_a_number_is_404(client, catalogue, page):
    """A page number out of range or that is not a number is a 404 page, never a 500."""
    response = client.get("/en/news/", {"page": page})
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_filters_combine(client, catalogue):
    """Category, year and partner filters narrow the list together."""
    response = client.get("/en/news/", {"category": "news", "year": "2023"})
    expected = Article.objects.published().filter(
        category=catalogue["news"], published_at__year=2023
    )
    assert sorted(titles(response)) == sorted(a.title_en for a in expected)
    assert expected.count() > 0
    partner = client.get("/en/news/", {"partner": "atlas", "category": "culture"})
    expected = Article.objects.published().filter(
        agreement__partners=catalogue["partner"], category=catalogue["culture"]
    )
    assert sorted(titles(partner)) == sorted(a.title_en for a in expected)


def test_filters_survive_paging(client, catalogue):
    """The next-page link keeps the filters, and page two is still filtered."""
    response = client.get("/en/news/", {"category": "news"})
    assert 'href="?category=news&amp;page=2"' in response.text
    second = client.get("/en/news/", {"category": "news", "page": "2"})
    assert len(titles(second)) == 3
    assert all(
        Article.objects.get(title_en=title).category == catalogue["news"]
        for title in titles(second)
    )


def test_category_filter_follows_the_language(client, catalogue):
    """The switcher on a filtered list carries the category's slug in each language."""
    response = client.get("/en/news/", {"category": "news"})
    assert 'href="/fr/news/?category=actualites"' in response.text
    french = client.get("/fr/news/", {"category": "actualites"})
    assert len(titles(french)) == 12


@pytest.mark.parametrize(
    "query",
    [
        {"category": "nope"},
        {"year": "1800"},
        {"year": "twenty"},
        {"partner": "' OR 1=1 --"},
        {"category": "x" * 5000},
        {"year": ["2022", "2023"], "partner": "<script>"},
    ],
    ids=["unknown-category", "year-out-of-range", "year-not-number", "sql", "huge", "mixed"],
)
def test_junk_filters_are_a_400_with_a_clear_message(client, catalogue, query):
    """Filters that mean nothing are reported on the page with a 400, never a 500."""
    response = client.get("/en/news/", query)
    assert response.status_code == 400
    assert "Some filters were not understood" in response.text
    assert "Select a valid choice" in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_junk_filter_message_is_in_the_visitors_language(client, catalogue):
    """The filter error is written in Arabic on the Arabic page."""
    response = client.get("/ar/news/", {"year": "1800"})
    assert response.status_code == 400
    assert "Some filters were not understood" not in response.text
    assert re.search(r'class="field-error"[^>]*>[^<]*[\u0600-\u06FF]', response.text)


def test_agreement_registry_filters(client, catalogue):
    """Partner, country, year and status filters each narrow the registry."""
    other = make_partner(slug="nile", country="EG")
    make_agreement(
        partners=[other],
        title_en="Old accord",
        signed_on=datetime.date(2015, 1, 1),
        duration_years=2,
    )
    by_partner = client.get("/en/agreements/", {"partner": "nile"}).text
    assert "Old accord" in by_partner
    assert by_partner.count('<th scope="row">') == 1
    assert "Old accord" in client.get("/en/agreements/", {"country": "EG"}).text
    assert "Old accord" not in client.get("/en/agreements/", {"country": "MA"}).text
    assert "Old accord" in client.get("/en/agreements/", {"year": "2015"}).text
    assert "Old accord" not in client.get("/en/agreements/", {"year": "2023"}).text
    expired = client.get("/en/agreements/", {"status": "expired"}).text
    active = client.get("/en/agreements/", {"status": "active"}).text
    assert "Old accord" in expired and "status--active" not in expired
    assert "Old accord" not in active and "status--expired" not in active


@pytest.mark.parametrize(
    "query", [{"status": "forever"}, {"country": "ZZ"}, {"partner": "nobody"}, {"year": "x"}]
)
def test_agreement_registry_junk_filters(client, catalogue, query):
    """Unknown registry filters are a 400 that says so."""
    response = client.get("/fr/agreements/", query)
    assert response.status_code == 400
    assert 'class="field-error"' in response.text


def count_queries(client, url, settings=None):
    """Queries of an uncached page (the page cache is off while counting)."""
    if settings is not None:
        settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_to(total, category, partner):
    for n in range(Article.objects.count(), total):
        article = make_article(category=category, published_at=at(2020 + n % 6, 1 + n % 12))
        if n % 4 == 0:
            make_agreement(partners=[partner], article=article)


def test_query_count_does_not_grow_with_content(client, settings):
    """Each public page, uncached, makes at most 6 queries, as many with 20 as with 200 articles."""
    category = make_category(slug_en="all")
    partner = make_partner(slug="p")
    grow_to(20, category, partner)
    article = Article.objects.published().filter(agreement__isnull=False).first()
    agreement = article.agreement
    # The organization's identity: one query whenever the cache lacks it, not per page.
    identity.current()
    pages = [
        "/en/",
        "/ar/news/",
        "/fr/news/?category=all&page=2",
        article.get_absolute_url(),
        "/en/agreements/",
        "/en/agreements/?status=active&country=MA",
        agreement.get_absolute_url(),
        "/en/partners/",
        "/en/partners/p/",
    ]
    small = {url: count_queries(client, url, settings) for url in pages}
    grow_to(200, category, partner)
    large = {url: count_queries(client, url, settings) for url in pages}
    assert large == small
    assert max(small.values()) <= 6
