"""
The content generation of the page cache (portal/cache.py), kept in Django's cache.

Every cached page is stored with the generation it was rendered under and
served only while that generation is current; a change to public content
moves to the next one, so every app server sharing the cache (Redis) misses
on its next request and renders the page again. An old entry is never served
again: it is replaced by the next rendering or expires on its own.
"""

import time

from django.core.cache import cache
from django.db import transaction

from sitekit.cache import CacheUnavailable

GENERATION_KEY = "pagecache:generation"

# A change made while the cache server was unreachable: the bump is owed and
# paid by this process as soon as the server answers again, before it reads
# a generation (pages stored before the outage may still be there).
_owed = False


def generation():
    if _owed:
        _next_generation()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Missing (first use, or evicted): start from the clock, so a number
        # used before, whose pages may still be stored, never comes back.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def read(keys):
    """
    The current generation and the values stored under `keys`, in one round trip.

    Missing keys are left out of the values. The generation is None only
    while the cache server does not answer.
    """
    if _owed:
        _next_generation()
    values = cache.get_many([GENERATION_KEY, *keys])
    current = values.pop(GENERATION_KEY, None)
    if current is None:
        current = generation()
    return current, values


def _next_generation():
    global _owed
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except CacheUnavailable:
        # While it is down no page is served from it; see `_owed`.
        _owed = True
        return
    _owed = False


def content_changed():
    """Public content changed: no page rendered before it may be served again.

    Bumped now, and again once the transaction commits: a page rendered between
    the two (still reading the old rows) is stored under a generation that the
    second bump leaves behind.
    """
    _next_generation()
    transaction.on_commit(_next_generation)
