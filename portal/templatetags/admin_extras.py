import json

from django import template
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from js_asset import Media

register = template.Library()


@register.simple_tag
def admin_language_switch():
    """Texts of the admin forms' language switch (static/admin/portal/admin.js), as JSON."""
    return json.dumps(
        {
            "legend": _("Languages shown"),
            "all": _("All languages"),
            "languages": [
                [code, get_language_info(code)["name_local"].capitalize()]
                for code, _name in settings.LANGUAGES
            ],
        },
        ensure_ascii=False,
    )


@register.filter
def with_csp_nonce(media, request):
    """A form's media with this request's CSP nonce on its tags.

    The prose editor's import map is an inline script; only the pages that
    render it ask for a nonce, so other pages' policies carry none.
    """
    return Media.from_media(media, nonce=str(request.csp_nonce))
