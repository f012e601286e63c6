"""A per-address limit on ratings, counted in Django's cache (Redis in production)."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.crypto import salted_hmac

from sitekit.cache import CacheUnavailable
from sitekit.clients import client_address

logger = logging.getLogger("feedback.throttle")

# While the shared cache is down each process counts on its own (bounded
# memory, oldest keys dropped first): the limit still holds per app server
# process instead of disappearing (docs/decisions.md).
_fallback = LocMemCache("feedback-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _count(store, key, window):
    if hasattr(store, "count_in_window"):  # Redis (sitekit/cache.py): one round trip.
        return store.count_in_window(key, window)
    store.add(key, 0, timeout=window)
    try:
        return store.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a fresh window.
        store.add(key, 1, timeout=window)
        return 1


def allow_rating(request):
    """
    Count this attempt against the client's address; False once over the limit.

    The address is only hashed into a cache key that expires with its window:
    it is never written to the database or to a log.
    """
    window = settings.FEEDBACK_RATE_WINDOW_SECONDS
    address = salted_hmac("feedback.throttle", client_address(request)).hexdigest()
    key = f"feedback:rate:{address}:{int(time.time() // window)}"
    try:
        count = _count(cache, key, window)
    except CacheUnavailable:
        logger.warning("Shared cache unavailable: counting ratings in this process only.")
        count = _count(_fallback, key, window)
    return count <= settings.FEEDBACK_RATE_LIMIT
