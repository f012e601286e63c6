"""
The sitemap (/sitemap.xml): every public page once per language it really exists in.

An article, agreement or partner is listed under a language only when it has
its own text there (news/structured_data.py, `item_languages`), with
`xhtml:link` alternates to those translations alone and an `x-default`: the
same rule as the `hreflang` links in the pages' heads.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Greatest
from django.urls import reverse

from news.models import LANGUAGE_CODES, SEARCH_DOCUMENTS, Agreement, Article, Partner
from news.structured_data import item_languages, x_default_url


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

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
        return Article.objects.published().defer(*SEARCH_DOCUMENTS).order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.modified_at


class AgreementSitemap(TranslatedSitemap):
    # Agreements and partners record no change time: no lastmod rather than a wrong one.
    def items(self):
        return Agreement.objects.visible().defer(*SEARCH_DOCUMENTS).order_by("-signed_on", "-pk")


class PartnerSitemap(TranslatedSitemap):
    def items(self):
        return Partner.objects.order_by("slug")


class SectionSitemap(TranslatedSitemap):
    """The listing pages, in every language."""

    def items(self):
        return ["news:home", "news:article_list", "news:agreement_list", "news:partner_list"]

    def get_languages_for_item(self, item):
        return list(LANGUAGE_CODES)

    def location(self, item):
        return reverse(item)

    @cached_property
    def latest_news(self):
        """When the newest change to a public article appeared (as `Article.modified_at`)."""
        latest = Max(Greatest("updated_at", "published_at"))
        return Article.objects.published().aggregate(latest=latest)["latest"]

    def lastmod(self, item):
        if item in ("news:home", "news:article_list"):
            return self.latest_news
        return None


# Classes, not instances: the sitemap view makes one per request, so the
# cached time of the latest news is never stale.
SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "agreements": AgreementSitemap,
    "partners": PartnerSitemap,
}
