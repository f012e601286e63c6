"""The page cache (portal/cache.py): what is stored, what never is, and that no change is missed."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
import reversion
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from news.models import Article, Signatory
from portal.cache import depends_on_visitor
from sitekit import pagecache
from sitekit.cache import CacheUnavailable
from sitekit.metrics import PAGE_CACHE
from sitekit.pagecache import generation
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("midday")]


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


@pytest.fixture
def site():
    category = make_category(name_en="Science", slug_en="science")
    partner = make_partner(slug="atlas", name_en="Atlas Institute")
    article = make_article(category=category, title_en="First light", slug_en="first-light")
    agreement = make_agreement(partners=[partner], article=article, title_en="Atlas accord")
    return {"category": category, "partner": partner, "article": article, "agreement": agreement}


def test_second_request_is_served_from_the_cache(client, site):
    """The same anonymous page twice: the second answer runs no query and is the same page."""
    first, first_queries = queries_for(client, "/en/news/")
    again, again_queries = queries_for(client, "/en/news/")
    assert first_queries > 0 and again_queries == 0
    assert again.content == first.content
    assert again["Cache-Control"] == "public, max-age=0, s-maxage=60"


def test_hits_and_misses_are_counted_for_the_metrics(client, site):
    """A miss then a hit move the page cache's two counters by one each."""

    def count(result):
        return PAGE_CACHE.labels(result=result)._value.get()

    misses, hits = count("miss"), count("hit")
    client.get("/en/agreements/")
    client.get("/en/agreements/")
    assert (count("miss") - misses, count("hit") - hits) == (1, 1)


def test_key_includes_the_query_string_and_the_language(client, site):
    """Another query string or language is another page, never the one stored first."""
    client.get("/en/news/")
    _, other_query = queries_for(client, "/en/news/?category=science")
    _, other_language = queries_for(client, "/fr/news/")
    assert other_query > 0 and other_language > 0
    assert 'lang="fr"' in client.get("/fr/news/").text


def edit_article_title(site):
    article = site["article"]
    article.title_en = "Changed title"
    article.save()


def unpublish(site):
    site["article"].status = Article.Status.DRAFT
    site["article"].save()


def delete_article(site):
    site["agreement"].delete()
    site["article"].delete()


def publish_draft(site):
    draft = make_article(
        category=site["category"], title_en="Changed title", status=Article.Status.DRAFT
    )
    draft.status = Article.Status.PUBLISHED
    draft.save()


def edit_agreement(site):
    site["agreement"].title_en = "Changed title"
    site["agreement"].save()


def add_signatory(site):
    Signatory.objects.create(
        agreement=site["agreement"], party=site["partner"], name_en="Changed title"
    )


def change_partners(site):
    site["agreement"].partners.add(make_partner(slug="other", name_en="Changed title"))


def edit_partner(site):
    site["partner"].name_en = "Changed title"
    site["partner"].save()


def edit_category(site):
    site["category"].name_en = "Changed title"
    site["category"].save()


def revert_article(site):
    article = site["article"]
    with reversion.create_revision():
        article.title_en = "Changed title"
        article.save()
    with reversion.create_revision():
        article.title_en = "Newer title"
        article.save()
    client_page_cache_is_warm = generation()
    Version.objects.get_for_object(article).order_by("pk").first().revision.revert()
    assert generation() != client_page_cache_is_warm


CHANGES = {
    "edit-article": (edit_article_title, "/en/news/", True),
    "unpublish": (unpublish, "/en/news/", False),
    "delete-article": (delete_article, "/en/", False),
    "publish": (publish_draft, "/en/", True),
    "edit-agreement": (edit_agreement, "/en/agreements/", True),
    "add-signatory": (add_signatory, "agreement", True),
    "agreement-partners": (change_partners, "/en/agreements/", True),
    "edit-partner": (edit_partner, "/en/partners/", True),
    "edit-category": (edit_category, "/en/news/", True),
    "reversion-revert": (revert_article, "/en/news/", True),
}


@pytest.mark.parametrize("name", CHANGES)
def test_every_change_is_seen_on_the_next_request(client, site, name):
    """Each kind of change to public content shows on the very next request for a cached page."""
    change, url, appears = CHANGES[name]
    if url == "agreement":
        url = site["agreement"].get_absolute_url()
    before = client.get(url).text
    assert "Changed title" not in before
    assert client.get(url).text == before  # now served from the cache
    change(site)
    after = client.get(url).text
    assert ("Changed title" in after) is appears
    if not appears:
        assert "First light" not in after and "First light" in before


def test_scheduled_article_appears_when_its_time_comes_on_a_cached_page(client, site):
    """A cached list drops out when the next scheduled article is due: no save, no job."""
    due = timezone.now() + datetime.timedelta(minutes=2)
    make_article(category=site["category"], title_en="Scheduled story", published_at=due)
    assert "Scheduled story" not in client.get("/en/news/").text
    _, cached = queries_for(client, "/en/news/")
    assert cached == 0
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert "Scheduled story" in client.get("/en/news/").text


def test_rating_changes_nothing_cached(client, site):
    """A rating POST leaves the content generation, hence every cached page, as it was."""
    client.get("/en/news/")
    before = generation()
    response = client.post(
        "/en/feedback/",
        {"score": "5", "path": "/en/news/"},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code in (200, 302)
    assert generation() == before
    assert queries_for(client, "/en/news/")[1] == 0


def test_thank_you_state_is_never_cached(client, site):
    """`?feedback=thanks` is rendered each time and marked private, never stored."""
    first, first_queries = queries_for(client, "/en/news/?feedback=thanks")
    again, again_queries = queries_for(client, "/en/news/?feedback=thanks")
    assert first_queries > 0 and again_queries > 0
    assert "private" in again["Cache-Control"] and "no-store" in again["Cache-Control"]
    assert "thanked" not in client.get("/en/news/").get("Cache-Control", "")


def test_logged_in_visitor_never_gets_or_leaves_a_cached_page(client, site, admin_user):
    """With a session cookie the page is rendered for the visitor, private, and not stored."""
    client.force_login(admin_user)
    response, rendered = queries_for(client, "/en/news/")
    assert rendered > 0
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert queries_for(client, "/en/news/")[1] > 0
    client.logout()
    client.cookies.clear()
    assert queries_for(client, "/en/news/")[1] > 0  # nothing was stored for anyone


def test_admin_and_preview_are_never_cached(client, site, admin_user):
    """The admin's login page and a preview are never stored, and say so to other caches."""
    login, _ = queries_for(client, "/en/admin/login/")
    assert "no-store" in login["Cache-Control"] and "private" in login["Cache-Control"]
    factory = RequestFactory()
    for path in ("/en/admin/login/", "/ar/admin/news/article/", "/fr/preview/articles/1/"):
        assert depends_on_visitor(factory.get(path)), path
    assert not depends_on_visitor(factory.get("/en/news/?page=2"))
    client.force_login(admin_user)
    preview = client.get(f"/en/preview/articles/{site['article'].pk}/")
    assert preview.status_code == 200 and "First light" in preview.text
    assert "no-store" in preview["Cache-Control"] and "public" not in preview["Cache-Control"]


def test_repeat_request_answers_304(client, site):
    """A page and a feed carry an ETag; sending it back gets 304, from the cache too."""
    for url in ("/en/news/", "/en/feeds/news/", "/sitemap.xml"):
        first = client.get(url)
        etag = first["ETag"]
        assert etag
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Language",
    "ETag",
)


def test_a_hit_skips_the_inner_middleware_and_keeps_every_header(client, site):
    """A cached page is answered before sessions and auth run, with the same headers as rendered."""
    first = client.get("/fr/news/")
    again = client.get("/fr/news/")
    assert hasattr(first.wsgi_request, "user") and not hasattr(again.wsgi_request, "user")
    assert again.content == first.content and 'lang="fr"' in again.text
    for name in SECURITY_HEADERS:
        assert again[name] == first[name], name
    assert again["X-Request-ID"] and again["X-Request-ID"] != first["X-Request-ID"]


def test_pages_without_a_language_prefix_are_keyed_by_the_visitors_language(client, site):
    """/sitemap.xml, chosen by Accept-Language or the language cookie, is stored per language."""
    english = client.get("/sitemap.xml", headers={"Accept-Language": "en"})
    again = client.get("/sitemap.xml", headers={"Accept-Language": "en"})
    assert not hasattr(again.wsgi_request, "user") and again.content == english.content
    client.cookies["django_language"] = "ar"
    _, queries = queries_for(client, "/sitemap.xml", **{"Accept-Language": "en"})
    assert queries > 0


def test_switched_off_with_zero_seconds(client, site, settings):
    """DJANGO_PAGE_CACHE_SECONDS=0: every request is rendered, nothing is stored."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/news/")
    assert queries_for(client, "/en/news/")[1] > 0


def test_query_counts_of_a_cached_page_are_zero_on_every_page_type(client, site):
    """Home, list, article, registry, agreement, partner and feeds are all cached."""
    urls = [
        "/en/",
        "/en/news/",
        site["article"].get_absolute_url(),
        "/en/agreements/",
        site["agreement"].get_absolute_url(),
        "/en/partners/atlas/",
        "/en/feeds/news/",
        "/sitemap.xml",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert {url: queries_for(client, url)[1] for url in urls} == dict.fromkeys(urls, 0)


def redis_available():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, db=4, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_available(), reason="Redis is not running on 127.0.0.1:6379.")
def test_two_app_servers_sharing_redis_see_each_others_changes(client, settings, editorial_groups):
    """A change made on one server is seen on the next request to another sharing the Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/4",
        }
    }
    cache.clear()
    article = make_article(title_en="Before the change")
    # Server B: another thread, hence its own cache object and Redis connection.
    server_b = ThreadPoolExecutor(max_workers=1)

    def get_on_b(url):
        from django.core.cache import caches
        from django.test import Client

        return Client().get(url).text, caches["default"]

    try:
        before, b_cache = server_b.submit(get_on_b, "/en/news/").result()
        assert "Before the change" in before
        assert server_b.submit(get_on_b, "/en/news/").result()[0] == before
        assert b_cache is not cache._connections["default"]  # separate cache objects
        article.title_en = "After the change"
        article.save()  # on server A
        after, _ = server_b.submit(get_on_b, "/en/news/").result()
        assert "After the change" in after
    finally:
        server_b.shutdown()
        cache.clear()


def test_a_change_while_the_cache_is_unreachable_is_paid_when_it_answers(monkeypatch, site):
    """A bump that failed (Redis down) is made before this process next reads the generation."""
    before = generation()

    def unreachable(*args, **kwargs):
        raise CacheUnavailable

    monkeypatch.setattr(pagecache.cache, "incr", unreachable)
    pagecache.content_changed()
    assert pagecache._owed is True
    monkeypatch.undo()

    assert generation() != before
    assert pagecache._owed is False


@pytest.fixture
def cache_calls(monkeypatch):
    """The cache calls the page cache makes (not the ones local memory makes inside them)."""
    from django.core.cache import caches

    backend = caches["default"]
    calls, depth = [], [0]
    for name in ("get", "get_many", "set", "set_many", "add", "incr"):
        original = getattr(backend, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, counted)
    return calls


def test_a_hit_reads_the_cache_once(client, site, cache_calls):
    """A cached page costs one read of the cache: the generation and the page together."""
    first = client.get("/en/news/")
    cache_calls.clear()
    again, queries = queries_for(client, "/en/news/")
    assert (cache_calls, queries) == (["get_many"], 0)
    assert again.content == first.content


def test_a_hit_answers_304_itself_without_rendering(client, site, cache_calls):
    """A conditional request for a stored page gets its 304 from the cache's one read."""
    etag = client.get("/en/agreements/")["ETag"]
    cache_calls.clear()
    again, queries = queries_for(client, "/en/agreements/", **{"If-None-Match": etag})
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert (cache_calls, queries) == (["get_many"], 0)


def test_static_files_never_go_through_the_page_cache(client, cache_calls):
    """A stylesheet is served by WhiteNoise with its own caching headers, no look-up, no store."""
    response = client.get("/static/css/site.css")
    body = b"".join(response.streaming_content)
    assert b"{" in body and cache_calls == []
    assert "no-store" not in response.get("Cache-Control", "")


def test_changed_security_headers_are_never_served_from_older_pages(client, site, settings):
    """Stored pages carry the policies' headers: another policy is another key."""
    before = client.get("/en/news/")["Content-Security-Policy"]
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {**policy["DIRECTIVES"], "img-src": ["'self'", "data:"]},
    }
    response, queries = queries_for(client, "/en/news/")
    assert queries > 0 and "img-src 'self' data:" in response["Content-Security-Policy"]
    again, queries = queries_for(client, "/en/news/")
    assert queries == 0 and again["Content-Security-Policy"] == response["Content-Security-Policy"]
    assert "data:" not in before


def test_a_page_of_an_older_generation_is_never_served(client, site):
    """An entry stored before a change stays in the cache but is rendered again, then replaced."""
    client.get("/en/news/")
    pagecache.content_changed()
    _, queries = queries_for(client, "/en/news/")
    assert queries > 0
    _, queries = queries_for(client, "/en/news/")
    assert queries == 0
