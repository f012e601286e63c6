"""
The sitemap (/sitemap.xml): every public page once per language it really exists in.

An article, agreement or partner is listed under a language only when it has
its own text there (news/structured_data.py, `item_languages`), with
`xhtml:link` alternates to those translations alone and an `x-default`: the
same rule as the `hreflang` links in the pages' heads.

`/sitemap.xml` is an index of sections, each paginated by `limit` items
(`sitemap-articles.xml?p=2`): at most 100 items, so at most 300 addresses
(about 130 KB) a page, far under the protocol's 50,000 addresses and 50 MB,
and a page reads only its own rows, and only the columns it writes.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import translation

from feedback.models import Improvement
from news.models import LANGUAGE_CODES, Agreement, Article, Partner
from news.structured_data import item_languages, x_default_url
from sitekit.paging import KeysFirstPaginator


def translated(field):
    return [f"{field}_{code}" for code in LANGUAGE_CODES]


class ItemPaginator(KeysFirstPaginator):
    """Pages of items, each then listed once per language it exists in.

    Django's i18n sitemaps paginate (item, language) pairs, which means
    building the pairs for every item of the section on every page; here a
    page holds `limit` items and only they are read and expanded.
    """

    def __init__(self, sitemap, *args, **kwargs):
        self.sitemap = sitemap
        super().__init__(*args, **kwargs)

    def page(self, number):
        if isinstance(self.object_list, list):  # the listing pages: a few names
            return Paginator.page(self, number)
        return super().page(number)

    def _get_page(self, object_list, number, paginator):
        pairs = [
            (item, code)
            for item in object_list
            for code in self.sitemap.get_languages_for_item(item)
        ]
        return Page(pairs, number, paginator)


def latest_news():
    """When the newest change to a public article appeared (as `Article.modified_at`)."""
    latest = Max(Greatest("updated_at", "published_at"))
    return Article.objects.published().aggregate(latest=latest)["latest"]


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Items a page: every page stays quick to build and small to send (about
    # 130 KB; a crawler takes the 100 pages of 10,000 articles from the index
    # as easily as 20), far under the protocol's limits. At 500 items a page
    # was 650 KB: 0.7 s of CPU to build, and a fifth of the throughput of a
    # 40 KB page even from the page cache (docs/performance.md).
    limit = 100

    @property
    def paginator(self):
        return ItemPaginator(self, self.items(), self.limit)

    @cached_property
    def locations(self):
        return {}

    def location(self, item):
        # Django's sitemaps ask for each item's address in each language once
        # for its own entry and again for every entry's alternates: reverse once.
        key = (id(item), translation.get_language())
        if key not in self.locations:
            self.locations[key] = super().location(item)
        return self.locations[key]

    def get_languages_for_item(self, item):
        return item_languages(item)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Django gives x-default only to items in the default language; an
        # item without it gets its first fallback's, as in the page's head.
        for url in urls:
            alternates = url["alternates"]
            if alternates and all(a["lang_code"] != "x-default" for a in alternates):
                by_language = {a["lang_code"]: a["location"] for a in alternates}
                location = x_default_url(by_language)
                alternates.append({"lang_code": "x-default", "location": location})
        return urls


class ArticleSitemap(TranslatedSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only(
                "published_at",
                "created_at",
                "updated_at",
                *translated("title"),
                *translated("slug"),
            )
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.modified_at

    def get_latest_lastmod(self):
        # For the index, from the database: Django's default reads every item.
        return latest_news()


class AgreementSitemap(TranslatedSitemap):
    # Agreements and partners record no change time: no lastmod rather than a wrong one.
    def items(self):
        return Agreement.objects.visible().only(*translated("title")).order_by("-signed_on", "-pk")


class PartnerSitemap(TranslatedSitemap):
    def items(self):
        return Partner.objects.only("slug", *translated("name")).order_by("slug")


class SectionSitemap(TranslatedSitemap):
    """The listing pages, in every language."""

    def items(self):
        return [
            "news:home",
            "news:article_list",
            "news:agreement_list",
            "news:partner_list",
            "feedback:you_said_we_did",
        ]

    def get_languages_for_item(self, item):
        return list(LANGUAGE_CODES)

    def location(self, item):
        return reverse(item)

    @cached_property
    def latest_news(self):
        return latest_news()

    def lastmod(self, item):
        if item in ("news:home", "news:article_list"):
            return self.latest_news
        if item == "feedback:you_said_we_did":
            return self.latest_improvement
        return None

    @cached_property
    def latest_improvement(self):
        return Improvement.objects.public().aggregate(latest=Max("updated_at"))["latest"]


# Classes, not instances: the sitemap view makes one per request, so the
# cached time of the latest news is never stale.
SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "agreements": AgreementSitemap,
    "partners": PartnerSitemap,
}
