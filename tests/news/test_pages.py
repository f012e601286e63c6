import datetime
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
import time_machine
from django.utils import timezone, translation
from django.utils.html import escape

from news.models import Article
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_model_case,
)

pytestmark = pytest.mark.django_db

LANGS = ["ar", "en", "fr"]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response, name=None):
    parser = TagCollector()
    parser.feed(response.content.decode())
    return [(tag, attrs) for tag, attrs in parser.tags if name is None or tag == name]


def text(response):
    return response.content.decode()


@pytest.fixture
def site():
    """A small site: a featured agreement article with an image, a plain one, a partner."""
    case = make_model_case()
    events = make_category(name_en="Events", slug_en="events", slug_fr="evenements")
    other = make_article(category=events, title_en="A heritage week", slug_en="heritage-week")
    return {**case, "agreements": case["category"], "other": other, "events": events}


def url_in(obj, code):
    with translation.override(code):
        return obj.get_absolute_url()


@pytest.mark.parametrize("code", LANGS)
def test_home_shows_featured_latest_and_agreements(client, site, code):
    """The home page leads with the featured article and lists articles and agreements."""
    response = client.get(f"/{code}/")
    html = text(response)
    featured = escape(getattr(site["article"], f"title_{code}"))
    assert re.search(r'<section class="featured".*?' + re.escape(featured), html, re.S)
    assert getattr(site["other"], f"title_{code}") in html
    assert url_in(site["agreement"], code) in html
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html


def test_root_redirects_by_accept_language(client):
    """`/` sends an Arabic-speaking browser to /ar/ and a French one to /fr/."""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5").url == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").url == "/fr/"


@pytest.mark.parametrize("code", LANGS)
def test_article_page(client, site, code):
    """An article shows its localized date, image with alt text, body, facts box and latest."""
    article = site["article"]
    response = client.get(url_in(article, code))
    html = text(response)
    assert f"<h1>{escape(getattr(article, f'title_{code}'))}</h1>" in html
    month = {"ar": "نوفمبر", "en": "Nov", "fr": "novembre"}[code]
    assert re.search(rf"<time datetime=\"2023-11-09[^\"]*\">[^<]*{month}[^<]*2023</time>", html)
    images = [a for t, a in tags(response, "img") if "signing" in a.get("src", "")]
    assert images and images[0]["alt"] == getattr(article, f"image_alt_{code}")
    assert images[0]["width"] == "120" and images[0]["height"] == "68"
    assert getattr(article, f"body_{code}") in html
    assert 'class="facts-box"' in html
    assert getattr(site["agreement"], f"signed_in_{code}") in html
    assert "Director-General of the Regional Center" in html
    assert url_in(site["other"], code) in html


def test_article_facts_show_duration_and_end_date(client, site):
    """The facts box gives the duration in years and the derived end date."""
    html = text(client.get(url_in(site["article"], "en")))
    assert "5 years" in html
    assert '<time datetime="2028-11-07">' in html
    assert 'href="/en/partners/icesco/"' in html and 'href="/en/partners/rcqe/"' in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=3)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_articles_are_not_found(client, site, fields):
    """Drafts, articles in review and scheduled articles are a 404 and are listed nowhere."""
    hidden = make_article(title_en="Hidden news", slug_en="hidden-news", **fields)
    day = timezone.localtime(hidden.published_at or timezone.now())
    response = client.get(f"/en/news/{day:%Y/%m/%d}/hidden-news/")
    assert response.status_code == 404
    assert "Hidden news" not in text(response)
    for page in ("/en/", "/en/news/"):
        assert "Hidden news" not in text(client.get(page))


def test_scheduled_article_appears_on_its_own(client, site):
    """A scheduled article becomes public once its time has come, with no job to run."""
    due = timezone.now() + datetime.timedelta(minutes=5)
    make_article(title_en="Tomorrow's news", slug_en="tomorrow", published_at=due)
    assert "Tomorrow&#x27;s news" not in text(client.get("/en/news/"))
    # The clock moves (the page cache's entries expire by it too); nothing is saved.
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert "Tomorrow&#x27;s news" in text(client.get("/en/news/"))


def test_language_switcher_leads_to_the_same_article(client, site):
    """From the English article, the Arabic link opens the same article under its Arabic slug."""
    article = site["article"]
    response = client.get(url_in(article, "en"))
    links = {a.get("hreflang"): a["href"] for t, a in tags(response, "a") if a.get("hreflang")}
    assert set(links) == {"ar", "en", "fr"}
    assert unquote(links["ar"]) == "/ar/news/2023/11/09/اتفاقية-تعاون-للجودة/"
    arabic = client.get(links["ar"])
    assert f"<h1>{article.title_ar}</h1>" in text(arabic)
    assert unquote(links["fr"]).endswith("/accord-cooperation-qualite/")


def test_other_language_slug_redirects_to_this_languages_address(client, site):
    """A French page reached with the English slug is sent permanently to the French slug."""
    response = client.get("/fr/news/2023/11/09/cooperation-agreement-quality/")
    assert response.status_code == 301
    assert response.url == "/fr/news/2023/11/09/accord-cooperation-qualite/"


def test_wrong_date_or_impossible_date_is_404(client, site):
    """The article's address includes its date; another or an impossible date is a 404."""
    assert client.get("/en/news/2023/11/10/cooperation-agreement-quality/").status_code == 404
    response = client.get("/en/news/2023/02/31/cooperation-agreement-quality/")
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_fallback_text_is_marked_with_its_language_and_a_notice(client, site):
    """A French visitor sees English text wrapped in lang="en" and a notice in French."""
    english_only = make_article(
        category=site["events"],
        languages=("ar", "en"),
        title_en="Only in English and Arabic",
        slug_en="only-en-ar",
    )
    response = client.get(url_in(english_only, "fr"))
    html = text(response)
    assert '<h1 lang="en" dir="ltr">Only in English and Arabic</h1>' in html
    assert 'class="prose" lang="en" dir="ltr"' in html
    assert '<html lang="fr" dir="ltr">' in html
    notice = re.search(r'class="notice notice--translation".*?</div>', html, re.S).group(0)
    assert "pas encore disponible en français" in notice
    assert "anglais" in notice
    # The same article in English carries no notice and no extra lang attribute.
    english = text(client.get(url_in(english_only, "en")))
    assert "notice--translation" not in english
    assert "<h1>Only in English and Arabic</h1>" in english


def test_fallback_title_in_lists_has_lang_and_badge(client, site):
    """In the French list, an English-only title carries lang="en" and says it is in English."""
    make_article(languages=("en",), title_en="English words", slug_en="english-words")
    html = text(client.get("/fr/news/"))
    assert re.search(r'<a href="[^"]+" lang="en" dir="ltr">English words</a>', html)
    assert re.search(r'English words</a> <span class="badge badge--lang">en anglais</span>', html)


def test_arabic_pages_are_right_to_left_with_arabic_dates(client, site):
    """Arabic pages declare rtl and show Arabic month names."""
    html = text(client.get("/ar/agreements/"))
    assert '<html lang="ar" dir="rtl">' in html
    assert "نوفمبر" in html


def test_share_links_load_no_third_party_script(client, site):
    """Share links are plain links; nothing on the page loads from another host."""
    response = client.get(url_in(site["article"], "en"))
    html = text(response)
    assert "https://x.com/intent/post?url=http%3A%2F%2Ftestserver%2Fen%2Fnews%2F2023" in html
    for tag, attrs in tags(response):
        for attribute in ("src", "srcset") if tag != "a" else ():
            assert not urlsplit(attrs.get(attribute) or "").netloc, (tag, attrs)
        if tag == "link":
            host = urlsplit(attrs.get("href", "")).netloc
            if attrs.get("rel") in ("canonical", "alternate"):
                # Absolute addresses of this site's own pages and feeds; nothing is loaded.
                assert host == "testserver", attrs
            else:
                assert not host, attrs
    scripts = [attrs["src"] for tag, attrs in tags(response, "script") if "src" in attrs]
    assert scripts == ["/static/js/feedback.js"]


@pytest.mark.parametrize("code", LANGS)
def test_agreement_registry_and_record(client, site, code):
    """The registry lists each agreement with partners, status and a link to its article."""
    agreement = site["agreement"]
    response = client.get(f"/{code}/agreements/")
    html = text(response)
    assert getattr(agreement, f"title_{code}") in html
    assert url_in(site["article"], code) in html
    assert f'href="/{code}/partners/rcqe/"' in html
    assert "status--active" in html
    detail = text(client.get(url_in(agreement, code)))
    assert getattr(agreement, f"title_{code}") in detail
    assert getattr(agreement, f"projects_{code}") in detail
    assert url_in(site["article"], code) in detail


@pytest.mark.parametrize("code", LANGS)
def test_partner_pages(client, site, code):
    """A partner's page lists its agreements and the news that announced them."""
    center = site["center"]
    assert getattr(center, f"name_{code}") in text(client.get(f"/{code}/partners/"))
    html = text(client.get(f"/{code}/partners/rcqe/"))
    assert getattr(center, f"name_{code}") in html
    assert url_in(site["agreement"], code) in html
    assert url_in(site["article"], code) in html
    assert site["other"].title_en not in html


def test_unknown_partner_or_agreement_is_404(client, site):
    """Addresses of records that do not exist are a 404 page."""
    assert client.get("/en/partners/nobody/").status_code == 404
    assert client.get("/en/agreements/999999/").status_code == 404


def test_agreement_of_unpublished_article_is_hidden(client, site):
    """An agreement announced by a draft article is not in the registry yet."""
    draft = make_article(status=Article.Status.DRAFT)
    secret = make_agreement(article=draft, title_en="Secret accord")
    assert "Secret accord" not in text(client.get("/en/agreements/"))
    assert client.get(secret.get_absolute_url()).status_code == 404
