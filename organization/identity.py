"""
The organization's identity as pages, feeds, JSON-LD and e-mails read it.

`current()` answers from Django's cache: one query the first time, none after,
until the row is saved or deleted (then the cached copy and the page cache are
both renewed, `connect()`). Before an administrator saves the row (or while
the database is unreachable, as the 503 page renders) it is the generic
organization the site was made for, in every language.

Within one request the identity is read once: pages name the organization a
dozen times (title, header, footer, share tags, JSON-LD, feed titles). The
copy lives only from `request_started` to `request_finished` (and is dropped
when the row changes), so the next request reads the cache again: nothing is
kept across requests, nor across app servers.
"""

import contextvars

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, gettext_noop

from sitekit.pagecache import content_changed

from .models import SINGLETON_PK, SiteIdentity

CACHE_KEY = "organization:identity:1"
# What the site says before an administrator names the organization.
GENERIC_NAME = gettext_noop("Education, Science and Culture Organization")
NO_ROW = "missing"
# {} while a request is being answered (its one copy of the identity), else None.
_request_copy = contextvars.ContextVar("organization_identity", default=None)
_generic_names = {}


def generic():
    """The identity of an unnamed organization, in every language (unsaved)."""
    names = _generic_names.get(GENERIC_NAME)
    if names is None:
        # The catalogues do not change while the process runs.
        names = {}
        for code, _language in settings.LANGUAGES:
            with translation.override(code):
                names[f"name_{code}"] = gettext(GENERIC_NAME)
        _generic_names[GENERIC_NAME] = names
    return SiteIdentity(**names)


def current():
    """The site's identity: once per request, from the cache (one query when it is not there)."""
    copy = _request_copy.get()
    if copy is None:
        return _read()
    if "identity" not in copy:
        copy["identity"] = _read()
    return copy["identity"]


def _read():
    stored = cache.get(CACHE_KEY)
    if stored is None:
        try:
            row = SiteIdentity.objects.filter(pk=SINGLETON_PK).first()
        except DatabaseError:
            return generic()
        stored = values(row) if row is not None else NO_ROW
        cache.set(CACHE_KEY, stored, timeout=None)
    if stored == NO_ROW:
        return generic()
    identity = SiteIdentity(**stored)
    identity._state.adding = False
    return identity


def values(row):
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def context(request):
    """Template context processor: `organization`, read only by templates that show it."""
    return {"organization": SimpleLazyObject(current)}


def forget():
    cache.delete(CACHE_KEY)
    copy = _request_copy.get()
    if copy is not None:
        copy.clear()


def _request_began(**kwargs):
    _request_copy.set({})


def _request_ended(**kwargs):
    _request_copy.set(None)


def _changed(sender, **kwargs):
    # Now, and after the commit: a read in between may have cached the old row.
    forget()
    transaction.on_commit(forget)
    content_changed()


def connect():
    post_save.connect(_changed, sender=SiteIdentity, dispatch_uid="organization-identity-save")
    post_delete.connect(_changed, sender=SiteIdentity, dispatch_uid="organization-identity-delete")
    request_started.connect(_request_began, dispatch_uid="organization-identity-request")
    request_finished.connect(_request_ended, dispatch_uid="organization-identity-request")
