import datetime
import json
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import translation
from pyld import jsonld

from news.models import Article
from tests.factories import jpeg, make_agreement, make_article, make_category, make_partner

pytestmark = pytest.mark.django_db

LANGS = ["ar", "en", "fr"]
HOST = "http://testserver"
SCHEMA = "https://schema.org/"
OG_LOCALES = {"ar": "ar_AR", "en": "en_GB", "fr": "fr_FR"}


class Head(HTMLParser):
    """The `<link>`s, `<meta>`s and JSON-LD scripts of a page's head."""

    def __init__(self, html):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self.in_head = self.in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif not self.in_head:
            return
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.in_json_ld = True

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        self.in_json_ld = False

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld.append(data)

    def one(self, key):
        (value,) = self.meta[key]
        return value

    @property
    def canonical(self):
        found = [link["href"] for link in self.links if link["rel"] == "canonical"]
        assert len(found) <= 1
        return found[0] if found else None

    @property
    def hreflang(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link["rel"] == "alternate" and "hreflang" in link
        }


def head(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return Head(response.content.decode())


def url_in(obj, code):
    with translation.override(code):
        return f"{HOST}{obj.get_absolute_url()}"


# A few schema.org terms are enough to expand the pages' JSON-LD offline.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def local_loader(url, options=None):
    if url.rstrip("/") != SCHEMA.rstrip("/"):
        raise AssertionError(f"JSON-LD tried to load {url}")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def expanded_nodes(page):
    """Every node of the page's JSON-LD, expanded by a JSON-LD processor, by type."""
    nodes = {}

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for kind in node.get("@type", []):
                nodes.setdefault(kind.removeprefix(SCHEMA), []).append(node)
            for value in node.values():
                walk(value)

    assert len(page.json_ld) == 1
    for document in page.json_ld:
        walk(jsonld.expand(json.loads(document), {"documentLoader": local_loader}))
    return nodes


def value(node, name):
    (item,) = node[SCHEMA + name]
    return item.get("@value", item.get("@id", item))


def values(node, name):
    return [item.get("@value", item.get("@id", item)) for item in node.get(SCHEMA + name, [])]


@pytest.fixture
def site():
    category = make_category(slug_ar="اتفاقيات", slug_en="agreements", slug_fr="accords")
    host = make_partner(
        slug="icesco", acronym_en="ICESCO", acronym_fr="ICESCO", website="https://example.org/"
    )
    host.logo.save("logo.png", jpeg(size=(40, 40)), save=True)
    center = make_partner(slug="rcqe", country="SA", acronym_en="RCQE")
    article = make_article(
        category=category,
        published_at=datetime.datetime(2023, 11, 9, 10, tzinfo=datetime.UTC),
        title_en="Cooperation agreement on quality in education",
        slug_en="cooperation-agreement-quality",
        summary_en="Two organizations will work together for five years.",
        image_alt_en="Two directors shake hands.",
    )
    article.image.save("signing.jpg", jpeg(size=(1200, 630)), save=True)
    agreement = make_agreement(
        partners=[host, center],
        article=article,
        signed_on=datetime.date(2023, 11, 8),
        signed_in_en="Paris",
        signatories=[("Salim AlMalik", "Director-General", host)],
    )
    plain = make_article(category=category, languages=("ar", "en"), slug_en="no-french")
    return {
        "article": article,
        "agreement": agreement,
        "host": host,
        "center": center,
        "plain": plain,
    }


# Canonical and hreflang --------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGS)
def test_article_head_links_its_translations(client, site, code):
    """An article's page is its own canonical and links its three translations and x-default."""
    article = site["article"]
    page = head(client, url_in(article, code))
    assert page.canonical == url_in(article, code)
    assert page.hreflang == {
        "ar": url_in(article, "ar"),
        "en": url_in(article, "en"),
        "fr": url_in(article, "fr"),
        "x-default": url_in(article, "en").replace("/en/", "/", 1),
    }
    assert page.one("og:url") == page.canonical


def test_fallback_article_page_points_to_its_real_language(client, site):
    """A French page showing English text has the English page as canonical, no hreflang fr."""
    plain = site["plain"]
    page = head(client, url_in(plain, "fr"))
    assert page.canonical == url_in(plain, "en")
    assert set(page.hreflang) == {"ar", "en", "x-default"}
    assert page.one("og:locale") == "en_GB"
    assert page.meta["og:locale:alternate"] == ["ar_AR"]


@pytest.mark.parametrize("path", ["/", "/news/", "/agreements/", "/partners/"])
@pytest.mark.parametrize("code", LANGS)
def test_listing_pages_link_all_languages(client, site, path, code):
    """Listing pages are canonical in their language and link all three plus x-default."""
    page = head(client, f"/{code}{path}")
    assert page.canonical == f"{HOST}/{code}{path}"
    assert page.hreflang == {
        **{other: f"{HOST}/{other}{path}" for other in LANGS},
        "x-default": f"{HOST}{path}",
    }
    assert page.one("og:type") == "website"
    assert page.one("og:locale") == OG_LOCALES[code]
    assert sorted(page.meta["og:locale:alternate"]) == sorted(
        OG_LOCALES[other] for other in LANGS if other != code
    )


def test_listing_canonical_keeps_filters_and_page_but_drops_noise(client, site):
    """Valid filters and the page number stay in canonical and alternates; the rest goes."""
    for _ in range(14):
        make_article(category=site["article"].category)
    page = head(client, "/fr/news/?category=agreements&page=2&utm_source=x&feedback=thanks")
    assert page.canonical == f"{HOST}/fr/news/?category=accords&page=2"
    arabic = urlsplit(page.hreflang["ar"])
    assert arabic.path == "/ar/news/"
    assert parse_qsl(arabic.query) == [("category", "اتفاقيات"), ("page", "2")]
    assert page.hreflang["en"] == f"{HOST}/en/news/?category=agreements&page=2"
    assert head(client, "/en/news/?page=1").canonical == f"{HOST}/en/news/"


def test_agreement_and_partner_pages_link_their_real_translations(client, site):
    """Agreement and partner pages link the languages their title or name exists in."""
    agreement, center = site["agreement"], site["center"]
    page = head(client, url_in(agreement, "ar"))
    assert page.canonical == url_in(agreement, "ar")
    assert set(page.hreflang) == {*LANGS, "x-default"}
    center.name_fr = ""
    center.save()
    page = head(client, url_in(center, "fr"))
    assert page.canonical == url_in(center, "en")
    assert page.hreflang == {
        "ar": url_in(center, "ar"),
        "en": url_in(center, "en"),
        "x-default": f"{HOST}/partners/rcqe/",
    }


def test_not_found_page_is_not_indexed(client, site):
    """The 404 page says noindex and carries no canonical address or alternates."""
    response = client.get("/en/news/2023/01/01/nothing/")
    page = Head(response.content.decode())
    assert response.status_code == 404
    assert page.meta["robots"] == ["noindex"]
    assert page.canonical is None and page.hreflang == {}


def test_preview_is_not_indexed(admin_client, site):
    """An editor's preview of a draft says noindex and names no canonical address."""
    draft = make_article(title_en="Draft news", status=Article.Status.DRAFT)
    page = head(admin_client, f"/en/preview/articles/{draft.pk}/")
    assert page.meta["robots"] == ["noindex, nofollow"]
    assert page.canonical is None and page.hreflang == {}


# Descriptions, Open Graph and Twitter cards ---------------------------------------------------


def share_image_url(article):
    """The picture is 1200 px wide: its full-width JPEG rendition is the preview."""
    (share,) = (r for r in article.image_renditions if (r["width"], r["format"]) == (1200, "jpeg"))
    return article.image.storage.url(share["name"])


def test_article_share_tags(client, site):
    """An article's share tags give its title, summary, dates and its image with size and alt."""
    article = site["article"]
    page = head(client, url_in(article, "en"))
    assert page.one("og:type") == "article"
    assert page.one("og:title") == page.one("twitter:title") == article.title_en
    assert page.one("description") == page.one("og:description") == article.summary_en
    assert page.one("twitter:description") == article.summary_en
    assert page.one("og:site_name") == "Education, Science and Culture Organization"
    assert page.one("og:locale") == "en_GB"
    assert page.one("og:image") == f"{HOST}{share_image_url(article)}"
    assert page.one("twitter:image") == page.one("og:image")
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert page.one("og:image:alt") == page.one("twitter:image:alt") == article.image_alt_en
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("article:published_time") == "2023-11-09T11:00:00+01:00"
    assert page.one("article:section") == article.category.name_en


def test_share_image_prefers_a_rendition_near_1200_pixels(client, site):
    """With renditions, previews use the JPEG one at least 1200 wide, with its own size."""
    article = site["article"]
    article.image_renditions = [
        {"name": "renditions/a-480.jpg", "width": 480, "height": 252, "format": "jpeg"},
        {"name": "renditions/a-1600.webp", "width": 1600, "height": 840, "format": "webp"},
        {"name": "renditions/a-1600.jpg", "width": 1600, "height": 840, "format": "jpeg"},
    ]
    # Stored as is: a save would find these files missing and make the real ones.
    Article.objects.filter(pk=article.pk).update(image_renditions=article.image_renditions)
    page = head(client, url_in(article, "fr"))
    assert page.one("og:image") == f"{HOST}/media/renditions/a-1600.jpg"
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1600", "840")


def test_article_without_image_has_a_small_card_with_the_logo(client, site):
    """Without an image the card is a summary with the organization's logo."""
    page = head(client, url_in(site["plain"], "en"))
    assert page.one("twitter:card") == "summary"
    assert page.one("og:image") == f"{HOST}/static/img/logo.png"
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("512", "512")
    logo = client.get("/static/img/logo.png")
    assert logo.status_code == 200 and b"".join(logo.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("code", LANGS)
def test_agreement_and_partner_descriptions(client, site, code):
    """Agreement and partner pages describe themselves, the same in meta and share tags."""
    for path in (url_in(site["agreement"], code), url_in(site["host"], code)):
        page = head(client, path)
        assert page.one("description") == page.one("og:description")
        assert page.one("description") != head(client, f"/{code}/").one("description")
    description = head(client, url_in(site["agreement"], "en")).one("description")
    assert description.startswith("Cooperation agreement between ")
    assert description.endswith(", signed on Nov. 8, 2023 in Paris.")
    assert "ICESCO and RCQE" in description or "RCQE and ICESCO" in description
    partner = head(client, url_in(site["host"], "en"))
    assert partner.one("og:title") == site["host"].name_en
    assert partner.one("og:image") == f"{HOST}{site['host'].logo.url}"


# JSON-LD ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGS)
def test_article_json_ld_describes_a_news_article_and_its_signing(client, site, code):
    """An article's JSON-LD is a NewsArticle about the partners, and the signing Event."""
    article, agreement = site["article"], site["agreement"]
    nodes = expanded_nodes(head(client, url_in(article, code)))
    (news,) = nodes["NewsArticle"]
    assert value(news, "headline") == getattr(article, f"title_{code}")
    assert value(news, "inLanguage") == code
    assert value(news, "datePublished") == "2023-11-09T11:00:00+01:00"
    assert value(news, "dateModified") >= value(news, "datePublished")
    (page,) = news[SCHEMA + "mainEntityOfPage"]
    assert page["@id"] == url_in(article, code)
    (image,) = news[SCHEMA + "image"]
    assert value(image, "url") == f"{HOST}{share_image_url(article)}"
    assert (value(image, "width"), value(image, "height")) == (1200, 630)
    (publisher,) = news[SCHEMA + "publisher"]
    assert SCHEMA + "Organization" in publisher["@type"]
    assert value(publisher, "name")
    (logo,) = publisher[SCHEMA + "logo"]
    assert value(logo, "url") == f"{HOST}/static/img/logo.png"
    about = {value(org, "name") for org in news[SCHEMA + "about"]}
    assert about == {getattr(p, f"name_{code}") for p in agreement.partners.all()}
    (event,) = nodes["Event"]
    assert value(event, "startDate") == "2023-11-08"
    (place,) = event[SCHEMA + "location"]
    assert SCHEMA + "Place" in place["@type"]
    assert value(place, "name") == getattr(agreement, f"signed_in_{code}")
    # The parties the article is about, referred to by their ids.
    organizers = {org["@id"] for org in event[SCHEMA + "organizer"]}
    assert organizers == {org["@id"] for org in news[SCHEMA + "about"]}
    assert organizers == {f"{url_in(p, code)}#organization" for p in agreement.partners.all()}
    (author,) = news[SCHEMA + "author"]
    assert author["@id"] == publisher["@id"] == f"{HOST}/{code}/#organization"
    (person,) = event[SCHEMA + "performer"]
    assert value(person, "name") == "Salim AlMalik"
    assert value(person, "jobTitle") == "Director-General"


def test_agreement_json_ld_is_the_signing_event(client, site):
    """An agreement's page describes its signing: date, place and the two organizations."""
    agreement = site["agreement"]
    nodes = expanded_nodes(head(client, url_in(agreement, "fr")))
    assert set(nodes) >= {"Event", "Organization", "Place", "Person"}
    assert "NewsArticle" not in nodes
    (event,) = nodes["Event"]
    assert value(event, "name").endswith(agreement.title_fr)
    assert {value(org, "name") for org in event[SCHEMA + "organizer"]} == {
        p.name_fr for p in agreement.partners.all()
    }
    (place,) = event[SCHEMA + "location"]
    assert value(place, "name") == agreement.signed_in_fr
    assert value(event, "startDate") == "2023-11-08"
    assert value(event, "url") == url_in(agreement, "fr")
    assert value(event, "inLanguage") == "fr"


def test_partner_json_ld_is_an_organization(client, site):
    """A partner's page describes an Organization: name, acronym, website, logo, country."""
    host = site["host"]
    nodes = expanded_nodes(head(client, url_in(host, "ar")))
    (organization,) = nodes["Organization"]
    assert value(organization, "name") == host.name_ar
    assert value(organization, "alternateName") == host.acronym_ar
    assert value(organization, "url") == "https://example.org/"
    (logo,) = organization[SCHEMA + "logo"]
    assert value(logo, "url") == f"{HOST}{host.logo.url}"
    assert (value(logo, "width"), value(logo, "height")) == (40, 40)
    (address,) = organization[SCHEMA + "address"]
    assert value(address, "addressCountry") == "MA"


def test_listing_pages_have_no_json_ld(client, site):
    """Listing pages describe no item."""
    assert head(client, "/en/news/").json_ld == []


def test_json_ld_cannot_end_its_script_element(client, site):
    """A title holding `</script>` and `<!--` stays inside the JSON-LD and round-trips."""
    article = site["article"]
    hostile = "</script><script>alert(1)</script> & <!-- x"
    Article.objects.filter(pk=article.pk).update(title_en=hostile)
    response = client.get(url_in(article, "en"))
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    page = Head(html)
    (document,) = page.json_ld
    assert "<" not in document and "&" not in document.replace("\\u0026", "")
    graph = json.loads(document)["@graph"]
    assert graph[0]["headline"] == hostile


# Permanent links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "code"), [("ar,en;q=0.5", "ar"), ("en-GB,en;q=0.9", "en"), ("fr-FR,fr;q=0.9", "fr")]
)
def test_permanent_link_leads_to_the_visitors_language(client, site, accept, code):
    """/a/<id>/ sends each browser to the article in its own language."""
    article = site["article"]
    response = client.get(f"/a/{article.pk}/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert f"{HOST}{response.url}" == url_in(article, code)
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_permanent_link_falls_back_to_the_best_translation(client, site):
    """A French browser is sent to the English article when there is no French one."""
    plain = site["plain"]
    response = client.get(f"/a/{plain.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert f"{HOST}{response.url}" == url_in(plain, "en")
    only_arabic = make_article(languages=("ar",))
    response = client.get(f"/a/{only_arabic.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert f"{HOST}{response.url}" == url_in(only_arabic, "ar")
    assert response.url.startswith("/ar/")


def test_permanent_link_follows_the_language_cookie(client, site):
    """A visitor who chose a language keeps it through permanent links."""
    client.cookies["django_language"] = "ar"
    response = client.get(f"/a/{site['article'].pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.url.startswith("/ar/")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)},
    ],
    ids=["draft", "scheduled"],
)
def test_permanent_link_of_unpublished_or_unknown_article_is_404(client, site, fields):
    """Drafts, scheduled and unknown articles have no permanent link."""
    hidden = make_article(**fields)
    assert client.get(f"/a/{hidden.pk}/").status_code == 404
    assert client.get("/a/999999/").status_code == 404


@pytest.mark.parametrize("code", LANGS)
def test_article_page_shows_its_permanent_link(client, site, code):
    """The share section of an article shows its absolute permanent link."""
    article = site["article"]
    html = client.get(url_in(article, code)).content.decode()
    permalink = f"{HOST}/a/{article.pk}/"
    assert f'<a href="{permalink}" dir="ltr">{permalink}</a>' in html
