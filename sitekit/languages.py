"""
Which language a translated field's text is in, so pages can say so honestly;
and what a page is in each language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, override
from modeltranslation.settings import FALLBACK_LANGUAGES


def language_code():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def in_each_language(func):
    """{code: func()} for every language of the site, each call made in that language."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            values[code] = func()
    return values


def translated_path(request, code):
    """
    The request's full path in language `code` (Django's `translate_url()`),
    asked once per language and request: the language switcher and the
    page's `hreflang` links both need it.
    """
    memo = request.__dict__.setdefault("_translated_paths", {})
    if code not in memo:
        memo[code] = translate_url(request.get_full_path(), code)
    return memo[code]


def fallback_chain(code):
    return [code, *FALLBACK_LANGUAGES.get(code, FALLBACK_LANGUAGES["default"])]


@dataclass(frozen=True)
class Localized:
    """A field's text and the language it is really in."""

    text: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def dir(self):
        return "rtl" if get_language_info(self.lang)["bidi"] else "ltr"

    @property
    def attrs(self):
        """` lang=".." dir=".."` for an element holding text in another language."""
        if not self.is_fallback:
            return ""
        return format_html(' lang="{}" dir="{}"', self.lang, self.dir)

    @property
    def language_name(self):
        """The text's language, named in the visitor's language."""
        return get_language_info(self.lang)["name_translated"]


def localized(obj, field):
    """The text of `field` in the active language, or in the first fallback that has it."""
    current = language_code()
    for code in fallback_chain(current):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return Localized(value, code, code != current)
    return Localized("", current, False)


def fallback_languages(obj, fields):
    """Languages, other than the active one, that `fields` of `obj` are shown in."""
    found = []
    for field in fields:
        text = localized(obj, field)
        if text.is_fallback and text.lang not in found:
            found.append(text.lang)
    return found


def own_languages(obj, field):
    """Languages in which `field` of `obj` has text of its own (its real translations)."""
    return [code for code, _name in settings.LANGUAGES if getattr(obj, f"{field}_{code}", None)]


def best_language(obj, field, code=None):
    """The first language of `code`'s fallback chain in which `field` has its own text."""
    own = own_languages(obj, field)
    for candidate in fallback_chain(code or language_code()):
        if candidate in own:
            return candidate
    return own[0] if own else code or language_code()
