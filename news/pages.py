"""
Pages described for the feedback report and digest (FEEDBACK_PAGE_DESCRIBER):
their title in the report's language and the admin page where they are changed.

At most one query per kind of page (articles, agreements, partners), however
many paths are asked about.
"""

from django.db.models import Q
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_from_path, gettext, gettext_noop

from feedback.pages import Page
from sitekit.languages import localized

from .models import LANGUAGE_CODES, Agreement, Article, Partner

SECTIONS = {
    "news:home": gettext_noop("Home"),
    "news:article_list": gettext_noop("News"),
    "news:agreement_list": gettext_noop("Agreements"),
    "news:partner_list": gettext_noop("Partners"),
    "news:search": gettext_noop("Search"),
    "feedback:you_said_we_did": gettext_noop("You said, we did"),
}


def _match(path):
    try:
        with translation.override(get_language_from_path(path)):
            return resolve(path)
    except Resolver404:
        return None


def _titled(obj, field, admin_name):
    text = localized(obj, field)
    return Page(
        title=text.text,
        title_language=text.lang if text.is_fallback else "",
        admin_url=reverse(admin_name, args=[obj.pk]),
    )


def describe_paths(paths, language):
    """{path: feedback.pages.Page} for the paths that are pages of this app."""
    matches = {path: _match(path) for path in paths}
    matches = {path: match for path, match in matches.items() if match is not None}
    described = {}
    with translation.override(language):
        slugs = {m.kwargs["slug"] for m in matches.values() if m.view_name == "news:article"}
        articles = {}
        if slugs:
            any_slug = Q()
            for code in LANGUAGE_CODES:
                any_slug |= Q(**{f"slug_{code}__in": slugs})
            for article in Article.objects.filter(any_slug):
                for code in LANGUAGE_CODES:
                    articles.setdefault(getattr(article, f"slug_{code}"), article)
        pks = {m.kwargs["pk"] for m in matches.values() if m.view_name == "news:agreement"}
        agreements = Agreement.objects.in_bulk(pks) if pks else {}
        partner_slugs = {
            m.kwargs["slug"] for m in matches.values() if m.view_name == "news:partner"
        }
        partners = (
            Partner.objects.in_bulk(partner_slugs, field_name="slug") if partner_slugs else {}
        )

        for path, match in matches.items():
            if match.view_name == "news:article" and match.kwargs["slug"] in articles:
                article = articles[match.kwargs["slug"]]
                described[path] = _titled(article, "title", "admin:news_article_change")
            elif match.view_name == "news:agreement" and match.kwargs["pk"] in agreements:
                agreement = agreements[match.kwargs["pk"]]
                described[path] = _titled(agreement, "title", "admin:news_agreement_change")
            elif match.view_name == "news:partner" and match.kwargs["slug"] in partners:
                partner = partners[match.kwargs["slug"]]
                described[path] = _titled(partner, "name", "admin:news_partner_change")
            elif match.view_name in SECTIONS:
                described[path] = Page(title=gettext(SECTIONS[match.view_name]))
    return described
