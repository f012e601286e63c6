"""
What a page tells machines about itself: search engines, feed readers and the
previews of social networks and chat applications.

- `page_metadata()` builds everything the head of a public page carries
  (templates/includes/head_meta.html): canonical address, `hreflang`
  alternates for the item's real translations and `x-default`, Open Graph and
  Twitter card tags, feed links and JSON-LD. It reads the page's template
  context: the item of a detail page is `object`, as Django's DetailView puts
  it, and a view whose addresses differ by language gives `alternate_urls`, as
  for the language switcher. A view may set `noindex` (the preview sets
  `preview`): the page then says so and names no canonical address.
- The JSON-LD builders (`news_article`, `signing_event`, `organization`,
  `publisher`) return plain dicts in schema.org terms; `json_ld_script()`
  turns them into one safely escaped `<script type="application/ld+json">`.

An item "really exists" in a language when the field named in `TRANSLATED_BY`
has text of its own in it; the sitemap (portal/sitemaps.py) uses the same rule.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organization import identity
from sitekit.languages import (
    fallback_chain,
    language_code,
    localized,
    own_languages,
    translated_path,
)

from .models import LANGUAGE_CODES, Agreement, Article, Partner

# The organization's name as an administrator set it (organization/identity.py),
# read again each time it is turned into text, in the active language.
SITE_NAME = lazy(lambda: identity.current().name, str)()
SITE_DESCRIPTION = lazy(
    lambda: (
        gettext("%(name)s: news and cooperation agreements, in Arabic, English and French.")
        % {"name": identity.current().name}
    ),
    str,
)()
# Share titles of the pages that are not an item, by the `section` their view sets.
SECTION_TITLES = {
    "home": _("News and agreements"),
    "news": _("News"),
    "agreements": _("Agreements"),
    "partners": _("Partners"),
}
LOGO = {"path": "img/logo.png", "width": 512, "height": 512}
OG_LOCALES = {"ar": "ar_AR", "en": "en_GB", "fr": "fr_FR"}
# The field whose translations decide which languages an item really exists in.
TRANSLATED_BY = {Article: "title", Agreement: "title", Partner: "name"}
# Share previews look best from about this width (Facebook asks for 1200 x 630).
SHARE_IMAGE_WIDTH = 1200
DESCRIPTION_LENGTH = 200
SCHEMA_ORG = "https://schema.org"
# As Django's json_script filter: no text inside can end the <script> element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def item_languages(obj):
    """The languages `obj` really exists in; every language for a page that is no item."""
    translated_by = TRANSLATED_BY.get(type(obj))
    if translated_by is None:
        return list(LANGUAGE_CODES)
    return own_languages(obj, translated_by)


def content_language(languages, code=None):
    """The language a visitor of language `code` reads among `languages` (its fallback chain)."""
    for candidate in fallback_chain(code or language_code()):
        if candidate in languages:
            return candidate
    return languages[0]


def x_default_url(urls):
    """
    The `x-default` address among `urls` ({language: absolute address}).

    As Django's sitemaps make it: the default language's address (or its first
    fallback's, for an item without it) without the language prefix, which
    LocaleMiddleware sends on to the visitor's language.
    """
    code = content_language(list(urls), settings.LANGUAGE_CODE)
    scheme, netloc, path, query, fragment = urlsplit(urls[code])
    prefix = f"/{code}/"
    if path.startswith(prefix):
        path = path[len(prefix) - 1 :]
    return urlunsplit((scheme, netloc, path, query, fragment))


def feed_title(category=None):
    if category is None:
        return gettext("%(site)s: latest news") % {"site": SITE_NAME}
    return gettext("%(site)s: %(category)s") % {"site": SITE_NAME, "category": category.name}


def feed_links(absolute, category=None):
    """The Atom feeds a page links to: the latest news, and its category's if it has one."""
    links = [{"title": feed_title(), "url": absolute(reverse("news:feed"))}]
    if category is not None:
        url = reverse("news:category_feed", kwargs={"slug": category.slug})
        links.append({"title": feed_title(category), "url": absolute(url)})
    return links


def describe(obj):
    """A page's description (meta description and share previews) in the active language."""
    if isinstance(obj, Article):
        return (localized(obj, "summary") or localized(obj, "title")).text
    if isinstance(obj, Agreement):
        place = localized(obj, "signed_in")
        values = {
            "date": formats.date_format(obj.signed_on, "DATE_FORMAT"),
            "place": place.text,
            "partners": get_text_list(
                [partner.short_name for partner in obj.partners.all()], gettext("and")
            ),
        }
        if place:
            return (
                gettext(
                    "Cooperation agreement between %(partners)s, signed on %(date)s in %(place)s."
                )
                % values
            )
        return gettext("Cooperation agreement between %(partners)s, signed on %(date)s.") % values
    if isinstance(obj, Partner):
        description = localized(obj, "description")
        if description:
            return Truncator(" ".join(description.text.split())).chars(DESCRIPTION_LENGTH)
        return gettext("Cooperation agreements and news of %(name)s.") % {
            "name": localized(obj, "name").text
        }
    return str(SITE_DESCRIPTION)


def share_image(article):
    """
    The picture previews show for `article`, or None: {"url", "width", "height"}.

    A JPEG or PNG rendition (news/images.py) at least SHARE_IMAGE_WIDTH wide,
    or the widest there is; the upload itself when it has no renditions.
    """
    if not article.image:
        return None
    renditions = sorted(
        (
            rendition
            for rendition in article.image_renditions or []
            if isinstance(rendition, dict) and rendition.get("format") in ("jpeg", "png")
        ),
        key=lambda rendition: rendition["width"],
    )
    if renditions:
        chosen = next((r for r in renditions if r["width"] >= SHARE_IMAGE_WIDTH), renditions[-1])
        return {
            "url": article.image.storage.url(chosen["name"]),
            "width": chosen["width"],
            "height": chosen["height"],
        }
    return {"url": article.image.url, "width": article.image_width, "height": article.image_height}


def timestamp(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


# JSON-LD ---------------------------------------------------------------------------


def json_ld_script(nodes):
    """`nodes` (schema.org dicts) as one `<script type="application/ld+json">` element."""
    text = json.dumps({"@context": SCHEMA_ORG, "@graph": nodes}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


def image_object(url, width, height, caption=""):
    node = {"@type": "ImageObject", "url": url, "contentUrl": url}
    if width and height:
        node.update(width=width, height=height)
    if caption:
        node["caption"] = caption
    return node


def publisher(absolute):
    """The organization that publishes the site."""
    home = absolute(reverse("news:home"))
    site = identity.current()
    logo = site_logo(absolute)
    node = {
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": site.name,
        "url": home,
        "logo": image_object(logo["url"], logo["width"], logo["height"]),
    }
    if site.short_name and site.short_name != site.name:
        node["alternateName"] = site.short_name
    if site.email:
        node["email"] = site.email
    if site.postal_lines:
        node["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(site.postal_lines)}
    if site.social_account_list:
        node["sameAs"] = site.social_account_list
    return node


def site_logo(absolute):
    """The organization's logo as an administrator uploaded it, or the site's own."""
    site = identity.current()
    if site.logo:
        return {
            "url": absolute(site.logo.url),
            "width": site.logo_width,
            "height": site.logo_height,
        }
    return {"url": absolute(static(LOGO["path"])), "width": LOGO["width"], "height": LOGO["height"]}


def organization(partner, absolute):
    """A partner as a schema.org Organization."""
    name = localized(partner, "name")
    acronym = localized(partner, "acronym")
    node = {
        "@type": "Organization",
        "@id": f"{absolute(partner.get_absolute_url())}#organization",
        "name": name.text,
    }
    if acronym and acronym.text != name.text:
        node["alternateName"] = acronym.text
    node["url"] = partner.website or absolute(partner.get_absolute_url())
    if partner.logo:
        node["logo"] = image_object(
            absolute(partner.logo.url), partner.logo_width, partner.logo_height
        )
    if partner.country:
        node["address"] = {"@type": "PostalAddress", "addressCountry": partner.country.code}
    description = localized(partner, "description")
    if description:
        node["description"] = description.text
    return node


def news_article(article, url, absolute, agreement=None):
    """`article` as a NewsArticle; `url` is its canonical address."""
    title = localized(article, "title")
    node = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": title.text,
        "description": describe(article),
        "inLanguage": title.lang,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": timestamp(article.published_at or article.created_at),
        "dateModified": timestamp(article.modified_at),
        "articleSection": str(article.category),
        "publisher": publisher(absolute),
    }
    node["author"] = {"@id": node["publisher"]["@id"]}
    image = share_image(article)
    if image:
        alt = "" if article.image_decorative else localized(article, "image_alt").text
        node["image"] = image_object(absolute(image["url"]), image["width"], image["height"], alt)
    if agreement is not None:
        node["about"] = [organization(partner, absolute) for partner in agreement.partners.all()]
    return node


def signing_event(agreement, absolute, described=False):
    """
    The signing of `agreement` as an Event: date, place, parties and signatories.

    With `described`, the parties are described elsewhere in the same graph
    (as what an article is about) and only referred to here.
    """
    title = localized(agreement, "title")
    place = localized(agreement, "signed_in")
    url = absolute(agreement.get_absolute_url())
    parties = [organization(partner, absolute) for partner in agreement.partners.all()]
    if described:
        parties = [{"@id": party["@id"]} for party in parties]
    node = {
        "@type": "Event",
        "@id": f"{url}#signing",
        "name": gettext("Signing: %(title)s") % {"title": title.text},
        "inLanguage": title.lang,
        "url": url,
        "startDate": agreement.signed_on.isoformat(),
        "endDate": agreement.signed_on.isoformat(),
        "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
        "organizer": parties,
    }
    if place:
        node["location"] = {"@type": "Place", "name": place.text}
    # The people who signed perform the event, each for one of the parties.
    performers = []
    for signatory in agreement.signatories.all():
        person = {"@type": "Person", "name": localized(signatory, "name").text}
        role = localized(signatory, "role")
        if role:
            person["jobTitle"] = role.text
        party = absolute(signatory.party.get_absolute_url())
        person["affiliation"] = {"@id": f"{party}#organization"}
        performers.append(person)
    node["performer"] = performers or parties
    return node


# The head of a page ------------------------------------------------------------------


@dataclass
class PageMetadata:
    title: str
    description: str
    url: str
    locale: str
    canonical: str = ""
    alternates: list = field(default_factory=list)
    locale_alternates: list = field(default_factory=list)
    type: str = "website"
    image: dict | None = None
    large_image: bool = False
    published_time: str = ""
    modified_time: str = ""
    section: str = ""
    feeds: list = field(default_factory=list)
    json_ld: str = ""
    robots: str = ""

    @property
    def site_name(self):
        return SITE_NAME

    @property
    def twitter_card(self):
        return "summary_large_image" if self.large_image else "summary"


def kept_parameters(context):
    """Query parameters that make another page of a list: valid filters and the page number."""
    names = set()
    form = context.get("filter_form")
    if form is not None and form.is_bound:
        names = {name for name in form.fields if name not in form.errors}
    if context.get("page_obj") is not None:
        names.add("page")
    return names


def with_parameters(url, names):
    scheme, netloc, path, query, fragment = urlsplit(url)
    kept = [
        (name, value)
        for name, value in parse_qsl(query)
        if name in names and value and not (name == "page" and value == "1")
    ]
    return urlunsplit((scheme, netloc, path, urlencode(kept), fragment))


def language_urls(context, languages):
    """{language: absolute address of this page in it}, from `alternate_urls` or the path."""
    request = context["request"]
    given = context.get("alternate_urls") or {}
    names = kept_parameters(context)
    return {
        code: request.build_absolute_uri(
            with_parameters(given.get(code) or translated_path(request, code), names)
        )
        for code in languages
    }


def page_metadata(context):
    """Everything the head of the page rendered with `context` says about it."""
    request = context["request"]
    absolute = request.build_absolute_uri
    obj = context.get("object")
    languages = item_languages(obj)
    language = content_language(languages)
    urls = language_urls(context, languages)
    # Drafts shown to editors, pages a view marks `noindex`, answers to a form:
    # nothing to index, so no canonical address or alternates either.
    noindex = bool(context.get("preview") or context.get("noindex")) or request.method not in (
        "GET",
        "HEAD",
    )
    meta = PageMetadata(
        title=str(SECTION_TITLES.get(context.get("section"), SITE_NAME)),
        description=describe(obj),
        url=absolute(request.get_full_path()) if noindex else urls[language],
        locale=OG_LOCALES[language],
        locale_alternates=[OG_LOCALES[code] for code in languages if code != language],
        image={**site_logo(absolute), "alt": str(SITE_NAME)},
        feeds=feed_links(absolute),
    )
    if noindex:
        meta.robots = "noindex, nofollow"
    else:
        # An item shown in a fallback language is the same text as its page in
        # that language: the canonical address is that page's.
        meta.canonical = urls[language]
        meta.alternates = [{"lang": code, "url": urls[code]} for code in languages]
        meta.alternates.append({"lang": "x-default", "url": x_default_url(urls)})

    if isinstance(obj, Article):
        add_article(meta, obj, context, absolute)
    elif isinstance(obj, Agreement):
        meta.title = localized(obj, "title").text
        meta.json_ld = json_ld_script([signing_event(obj, absolute)])
    elif isinstance(obj, Partner):
        meta.title = localized(obj, "name").text
        if obj.logo:
            meta.image = {
                "url": absolute(obj.logo.url),
                "width": obj.logo_width,
                "height": obj.logo_height,
                "alt": meta.title,
            }
        meta.json_ld = json_ld_script([organization(obj, absolute)])
    else:
        form = context.get("filter_form")
        category = getattr(form, "cleaned_data", {}).get("category") if form else None
        if category is not None:
            meta.feeds = feed_links(absolute, category)
    return meta


def add_article(meta, article, context, absolute):
    meta.type = "article"
    meta.title = localized(article, "title").text
    meta.published_time = timestamp(article.published_at or article.created_at)
    meta.modified_time = timestamp(article.modified_at)
    meta.section = str(article.category)
    meta.feeds = feed_links(absolute, article.category)
    image = share_image(article)
    if image:
        alt = "" if article.image_decorative else localized(article, "image_alt").text
        meta.image = {**image, "url": absolute(image["url"]), "alt": alt}
        meta.large_image = True
    # The view's copy of the agreement has its partners and signatories prefetched.
    agreement = context.get("agreement")
    nodes = [news_article(article, meta.url, absolute, agreement)]
    if agreement is not None:
        nodes.append(signing_event(agreement, absolute, described=True))
    meta.json_ld = json_ld_script(nodes)
