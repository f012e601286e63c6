import datetime
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from news.models import Article
from tests.factories import make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db

LANGS = ["ar", "en", "fr"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


@pytest.fixture
def content():
    """Public and hidden articles, agreements following them, and partners."""
    category = make_category()
    full = make_article(category=category, title_en="Everywhere", slug_en="everywhere")
    no_french = make_article(category=category, languages=("ar", "en"), slug_en="no-french")
    only_french = make_article(category=category, languages=("fr",), slug_fr="seulement-fr")
    draft = make_article(category=category, slug_en="draft", status=Article.Status.DRAFT)
    scheduled = make_article(
        category=category,
        slug_en="scheduled",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    english_partner = make_partner(slug="english-only", name_ar="", name_fr="")
    announced = make_agreement(article=full, partners=[english_partner])
    unannounced = make_agreement(title_fr="")
    secret = make_agreement(article=draft)
    return {
        "full": full,
        "no_french": no_french,
        "only_french": only_french,
        "draft": draft,
        "scheduled": scheduled,
        "announced": announced,
        "unannounced": unannounced,
        "secret": secret,
        "english_partner": english_partner,
    }


def url_in(obj, code):
    with translation.override(code):
        return f"{HOST}{obj.get_absolute_url()}"


def section_urls(client):
    """The sitemap pages named by the index at /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def sitemap(client):
    """Every <url> of every page of the sitemap, by address."""
    urls = []
    for location in section_urls(client):
        response = client.get(location.removeprefix(HOST))
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        assert root.tag == f"{{{NS['s']}}}urlset"
        urls += root.findall("s:url", NS)
    entries = {}
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return entries


def test_articles_are_listed_once_per_real_language(client, content):
    """A public article appears under each language it has a title in, and no other."""
    entries = sitemap(client)
    for name, languages in [
        ("full", LANGS),
        ("no_french", ["ar", "en"]),
        ("only_french", ["fr"]),
    ]:
        article = content[name]
        listed = [code for code in LANGS if url_in(article, code) in entries]
        assert listed == languages, name


def test_alternates_link_real_translations_only(client, content):
    """Each entry links its item's real translations and an x-default, nothing else."""
    entries = sitemap(client)
    full = content["full"]
    for code in LANGS:
        assert entries[url_in(full, code)]["alternates"] == {
            "ar": url_in(full, "ar"),
            "en": url_in(full, "en"),
            "fr": url_in(full, "fr"),
            "x-default": url_in(full, "en").replace("/en/", "/", 1),
        }
    no_french = content["no_french"]
    assert entries[url_in(no_french, "ar")]["alternates"] == {
        "ar": url_in(no_french, "ar"),
        "en": url_in(no_french, "en"),
        "x-default": url_in(no_french, "en").replace("/en/", "/", 1),
    }


def test_item_without_the_default_language_gets_its_first_fallback_as_x_default(client, content):
    """An article only in French has x-default on its French address, without the prefix."""
    only_french = content["only_french"]
    alternates = sitemap(client)[url_in(only_french, "fr")]["alternates"]
    assert alternates == {
        "fr": url_in(only_french, "fr"),
        "x-default": url_in(only_french, "fr").replace("/fr/", "/", 1),
    }


def test_arabic_addresses_are_percent_encoded(client, content):
    """Arabic slugs appear percent-encoded, as a sitemap requires, and decode to the slug."""
    entries = sitemap(client)
    arabic = url_in(content["full"], "ar")
    assert arabic in entries and arabic.isascii()
    assert unquote(arabic).endswith(f"/{content['full'].slug_ar}/")


def test_lastmod_is_the_articles_last_change(client, content):
    """lastmod is the day of the article's last change (its publication if that came later)."""
    full = content["full"]
    Article.objects.filter(pk=full.pk).update(
        updated_at=datetime.datetime(2024, 3, 4, 12, tzinfo=datetime.UTC),
        published_at=datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.UTC),
    )
    scheduled_then_published = content["no_french"]
    Article.objects.filter(pk=scheduled_then_published.pk).update(
        updated_at=datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC),
        published_at=datetime.datetime(2024, 2, 1, 12, tzinfo=datetime.UTC),
    )
    full.refresh_from_db()
    scheduled_then_published.refresh_from_db()
    entries = sitemap(client)
    assert entries[url_in(full, "fr")]["lastmod"] == "2024-03-04"
    assert entries[url_in(scheduled_then_published, "en")]["lastmod"] == "2024-02-01"
    newest = timezone.localtime(content["only_french"].modified_at).date().isoformat()
    assert entries[f"{HOST}/en/news/"]["lastmod"] == newest
    assert entries[f"{HOST}/ar/"]["lastmod"] == newest


def test_drafts_scheduled_and_their_agreements_are_absent(client, content):
    """Nothing unpublished is listed, nor an agreement announced by an unpublished article."""
    entries = sitemap(client)
    locations = "\n".join(entries)
    assert "/draft/" not in locations and "/scheduled/" not in locations
    assert all(url_in(content["secret"], code) not in entries for code in LANGS)


def test_agreements_and_partners_per_real_language(client, content):
    """Visible agreements and every partner are listed in the languages they have a name in."""
    entries = sitemap(client)
    announced, unannounced = content["announced"], content["unannounced"]
    assert all(url_in(announced, code) in entries for code in LANGS)
    assert [code for code in LANGS if url_in(unannounced, code) in entries] == ["ar", "en"]
    assert set(entries[url_in(unannounced, "ar")]["alternates"]) == {"ar", "en", "x-default"}
    partner = content["english_partner"]
    assert [code for code in LANGS if url_in(partner, code) in entries] == ["en"]
    assert entries[url_in(partner, "en")]["alternates"] == {
        "en": url_in(partner, "en"),
        "x-default": f"{HOST}/partners/english-only/",
    }


def test_listing_pages_in_every_language(client, content):
    """Home, news, agreements and partners are listed in the three languages, linked together."""
    entries = sitemap(client)
    for path in ("/", "/news/", "/agreements/", "/partners/"):
        for code in LANGS:
            assert set(entries[f"{HOST}/{code}{path}"]["alternates"]) == {*LANGS, "x-default"}
        assert entries[f"{HOST}/en{path}"]["alternates"]["x-default"] == f"{HOST}{path}"


def test_x_default_addresses_lead_to_the_visitors_language(client, content):
    """The x-default address (no language prefix) redirects to the visitor's language."""
    x_default = sitemap(client)[url_in(content["full"], "en")]["alternates"]["x-default"]
    response = client.get(x_default.removeprefix(HOST), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == url_in(content["full"], "fr").removeprefix(HOST)
    assert content["full"].title_fr in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_and_previews_out(client):
    """robots.txt is plain text with the sitemap's absolute address and the excluded paths."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /*/admin/" in lines
    assert "Disallow: /*/preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    secure = client.get("/robots.txt", secure=True).content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in secure.splitlines()


def test_sections_are_paginated_by_items_and_list_each_address_once(client, content, monkeypatch):
    """With two items a page, the index names every page and together they list every address."""
    from news.sitemaps import ArticleSitemap

    unpaginated = sitemap(client)
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    cache.clear()  # the pages above are in the page cache; no content changed
    pages = [url for url in section_urls(client) if "sitemap-articles.xml" in url]
    # Three public articles, two a page: two pages, the second as ?p=2.
    assert pages == [f"{HOST}/sitemap-articles.xml", f"{HOST}/sitemap-articles.xml?p=2"]
    second = ET.fromstring(client.get("/sitemap-articles.xml?p=2").content)
    assert [u.findtext("s:loc", namespaces=NS) for u in second.findall("s:url", NS)] == [
        url_in(content["full"], code) for code in LANGS
    ]
    assert sitemap(client) == unpaginated
