"""The reader's notice on a page whose translation is behind its original (news/freshness.py)."""

from django import template
from django.utils import translation

from news import freshness
from sitekit.languages import language_code

register = template.Library()


@register.inclusion_tag("includes/outdated_notice.html")
def outdated_notice(obj, *fields):
    """
    A notice when `fields` of `obj` are outdated in the page's language: when
    the original changed and a link to it. Read from the object (no query).
    """
    code = language_code()
    notice = freshness.reader_notice(obj, code, fields)
    if notice is None:
        return {}
    source = notice["source"]
    with translation.override(source):
        url = obj.get_absolute_url()
    info = translation.get_language_info(source)
    return {
        "notice": {
            "changed_at": notice["changed_at"],
            "url": url,
            "code": source,
            "dir": "rtl" if info["bidi"] else "ltr",
            "name_local": info["name_local"],
        }
    }
