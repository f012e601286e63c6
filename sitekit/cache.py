"""
Django's Redis cache, made to survive Redis going away.

Django's RedisCache raises on every call while Redis is down, which would turn
each page that reads the cache into a 500. Here a connection error is logged
(once per outage), counted, and answered as a miss: reads return the default,
writes are dropped, so pages are built from the database as if nothing were
cached. After a failure Redis is left alone for a few seconds, so a Redis that
hangs rather than refuses costs one timeout per interval, not one per call.

Counters cannot pretend: `incr()` raises CacheUnavailable, so a caller that
counts (the rating limit) decides itself what an outage means.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .metrics import CACHE_ERRORS

logger = logging.getLogger("sitekit.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


class CacheUnavailable(Exception):
    """The cache server did not answer."""


# Django makes one cache object per thread; the outage is the process's.
_down_until = {}
_lock = threading.Lock()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """
    Django's Redis client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every cache call, and each one fills
    a table of about 170 reply handlers: a third of the CPU time of a page
    served from the page cache (three calls). A `redis.Redis` over a pool is
    safe to share between threads, so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._retry_seconds = float(params.get("RETRY_SECONDS", 5))
        self._location = str(server)

    def _call(self, operation, miss, *args, **kwargs):
        if _down_until.get(self._location, 0) > time.monotonic():
            CACHE_ERRORS.inc()
            return miss
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._went_down(operation, error)
            return miss

    def _went_down(self, operation, error):
        CACHE_ERRORS.inc()
        with _lock:
            first = _down_until.get(self._location, 0) <= time.monotonic()
            _down_until[self._location] = time.monotonic() + self._retry_seconds
        if first:
            logger.warning(
                "Cache server unavailable (%s during %s); serving without the cache, "
                "retrying in %g s.",
                type(error).__name__,
                operation,
                self._retry_seconds,
            )

    def check(self):
        """Raise CacheUnavailable unless the cache server answers now (for /readyz)."""
        try:
            self._cache.get_client(write=True).ping()
        except UNAVAILABLE as error:
            raise CacheUnavailable from error

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        if _down_until.get(self._location, 0) > time.monotonic():
            CACHE_ERRORS.inc()
            raise CacheUnavailable
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            self._went_down("incr", error)
            raise CacheUnavailable from error

    def count_in_window(self, key, timeout, version=None):
        """
        Start `key` at 0 for `timeout` seconds unless it exists, then add 1 and
        return the count: `add()` then `incr()`, in one round trip instead of
        three (Django's `incr()` asks whether the key exists first).
        """
        if _down_until.get(self._location, 0) > time.monotonic():
            CACHE_ERRORS.inc()
            raise CacheUnavailable
        key = self.make_and_validate_key(key, version=version)
        try:
            pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
            pipeline.set(key, 0, ex=timeout, nx=True)
            pipeline.incr(key)
            return pipeline.execute()[1]
        except UNAVAILABLE as error:
            self._went_down("count_in_window", error)
            raise CacheUnavailable from error
