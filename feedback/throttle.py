"""A per-address limit on ratings, counted in Django's cache (Redis in production)."""

import logging
import secrets
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


# Clicks of one browser on one page this close together are one rating.
FIRST_RATING_WINDOW_SECONDS = 10


def first_rating_token(request, answer):
    """
    The token for a browser's new rating: the same for every request from
    one client address and user agent with the same `answer` (page, score,
    comment, language) within FIRST_RATING_WINDOW_SECONDS, so a double click
    sent before the cookie exists stores one rating, not two
    (docs/decisions.md, "One rating per double click").

    The first request claims the key atomically (cache.add, SET NX in
    Redis); the others read the token it claimed. The key is a keyed hash
    that expires with its window: nothing of it reaches the database.

    Returns the token and whether another request had claimed it first.
    """
    parts = [client_address(request), request.headers.get("User-Agent", ""), *map(str, answer)]
    identity = "\x00".join(parts)
    key = f"feedback:first:{salted_hmac('feedback.first', identity).hexdigest()}"
    token = secrets.token_urlsafe(32)
    try:
        return _claim(cache, key, token)
    except CacheUnavailable:
        return _claim(_fallback, key, token)


def _claim(store, key, token):
    if store.add(key, token, timeout=FIRST_RATING_WINDOW_SECONDS):
        return token, False
    earlier = store.get(key)
    if earlier:
        return earlier, True
    if store is not _fallback:
        # Neither stored nor there: the shared cache did not answer (sitekit.cache
        # answers an outage as a miss rather than raising), or the key expired
        # just now. Either way this process's memory claims it.
        return _claim(_fallback, key, token)
    return token, False
