"""
The content generation of the page cache (portal/cache.py), kept in Django's cache.

Every cached page's key includes the current generation; a change to public
content moves to the next one, so every app server sharing the cache (Redis)
misses on its next request and renders the page again. Old entries are never
read again and expire on their own.
"""

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Missing (first use, or evicted): start from the clock, so a number
        # used before, whose pages may still be stored, never comes back.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def content_changed():
    """Public content changed: no page rendered before it may be served again.

    Bumped now, and again once the transaction commits: a page rendered between
    the two (still reading the old rows) is stored under a generation that the
    second bump leaves behind.
    """
    _next_generation()
    transaction.on_commit(_next_generation)
