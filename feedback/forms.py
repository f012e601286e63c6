import functools
import posixpath
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, PATH_MAX_LENGTH, Rating

# Characters that can reorder or hide text when a comment is displayed: bidi
# embeddings, overrides and isolates. Plain marks (LRM, RLM) stay allowed.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = set("\n\r\t")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits (any script) with the separators people type in numbers.
PHONE = re.compile(r"(?<!\w)\+?\d(?:[\d\s().\-/]{5,}\d)(?!\w)")
EMAIL_PLACEHOLDER = "[email removed]"
PHONE_PLACEHOLDER = "[phone removed]"


def scrub_contact_details(text):
    """Replace e-mail addresses and phone numbers, which raters are asked not to leave."""
    text = EMAIL.sub(EMAIL_PLACEHOLDER, text)

    def phone(match):
        digits = sum(character.isdigit() for character in match.group(0))
        return PHONE_PLACEHOLDER if digits >= 7 else match.group(0)

    return PHONE.sub(phone, text)


def page_path(value):
    """
    The site-relative path of the page `value` points at, without query string.

    Raises ValueError for anything that is not a path of this site's pages:
    another host or scheme, protocol-relative addresses, paths no view answers.
    """
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in value:
        raise ValueError("not a site-relative path")
    # Pages write their own address percent-encoded (Arabic slugs); store it readable.
    decoded = unquote(parts.path)
    if "\x00" in decoded:
        raise ValueError("NUL in path")
    path = posixpath.normpath(decoded)
    if decoded.endswith("/") and path != "/":
        path += "/"
    if path.startswith("//"):
        raise ValueError("protocol-relative path")
    # Addresses carry their language: resolve them in it.
    if not _is_page(get_urlconf() or settings.ROOT_URLCONF, get_language_from_path(path), path):
        raise ValueError("no page at this path")
    return path


@functools.lru_cache(maxsize=2048)
def _is_page(urlconf, language, path):
    """
    Whether a view answers `path`: URL patterns only (no database), which
    change with the code alone, so a process remembers the answer for the
    pages most rated instead of walking the patterns on every rating.
    """
    try:
        with translation.override(language):
            resolve(path, urlconf)
    except Resolver404:
        return False
    return True


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you about the website?"),
        choices=Rating.Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the five answers."),
            "invalid_choice": _("Choose one of the five answers."),
        },
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        # The field's max_length also gives the textarea its maxlength.
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please leave no e-mail address or phone number: we remove them."),
        error_messages={
            "max_length": _(
                "Your comment is %(show_value)d characters long; the limit is %(limit_value)d."
            )
        },
    )
    path = forms.CharField(max_length=2000, widget=forms.HiddenInput)
    # A honeypot: hidden from people (and from screen readers), filled by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_score(self):
        if len(self.data.getlist("score")) > 1:
            raise forms.ValidationError(_("Choose only one answer."), code="repeated")
        return self.cleaned_data["score"]

    def clean_comment(self):
        comment = self.cleaned_data["comment"]
        if any(
            character in BIDI_CONTROLS
            or (unicodedata.category(character) == "Cc" and character not in ALLOWED_CONTROLS)
            for character in comment
        ):
            raise forms.ValidationError(
                _("Your comment contains invisible control characters. Please remove them."),
                code="control_characters",
            )
        return scrub_contact_details(comment.replace("\r\n", "\n"))

    def clean_path(self):
        """The stored page address: the normalized path, query string dropped."""
        value = self.cleaned_data["path"]
        try:
            path = page_path(value)
        except ValueError as error:
            raise forms.ValidationError(
                _("This rating does not come from a page of this site."), code="foreign_path"
            ) from error
        if len(path) > PATH_MAX_LENGTH:
            raise forms.ValidationError(
                _("This rating does not come from a page of this site."), code="long_path"
            )
        return path

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def return_url(self, thanks=True):
        """The page the rating came from, with its own query (and a thank-you flag)."""
        parts = urlsplit(self.data.get("path") or self.initial.get("path") or "")
        # Resolved once: a valid form's path was already checked by clean_path.
        path = getattr(self, "cleaned_data", {}).get("path")
        if path is None:
            try:
                path = page_path(parts.path)
            except ValueError:
                return None
        query = QueryDict(parts.query, mutable=True)
        query.pop("feedback", None)
        if thanks:
            query["feedback"] = "thanks"
        return f"{path}?{query.urlencode()}#feedback" if query else path
