"""A per-address limit on ratings, counted in Django's cache (Redis in production)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from sitekit.clients import client_address


def allow_rating(request):
    """
    Count this attempt against the client's address; False once over the limit.

    The address is only hashed into a cache key that expires with its window:
    it is never written to the database or to a log.
    """
    window = settings.FEEDBACK_RATE_WINDOW_SECONDS
    address = salted_hmac("feedback.throttle", client_address(request)).hexdigest()
    key = f"feedback:rate:{address}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a fresh window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= settings.FEEDBACK_RATE_LIMIT
