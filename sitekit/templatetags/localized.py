from django import template
from django.conf import settings
from django.utils.translation import get_language_info

from sitekit.languages import language_code, translated_path
from sitekit.languages import localized as localized_text

register = template.Library()


@register.simple_tag
def localized(obj, field):
    """`{% localized article "title" as title %}`, then `<h1{{ title.attrs }}>{{ title }}</h1>`."""
    return localized_text(obj, field)


@register.simple_tag(takes_context=True)
def language_links(context):
    """
    One link per language to the same page in that language.

    A view whose addresses differ by language (translated slugs) puts
    `alternate_urls` in the context; every other page keeps its path.
    """
    request = context["request"]
    alternates = context.get("alternate_urls") or {}
    current = language_code()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = alternates.get(code) or translated_path(request, code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": url,
                "current": code == current,
                "dir": "rtl" if info["bidi"] else "ltr",
            }
        )
    return links
