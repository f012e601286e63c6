from sitekit.cache import TolerantRedisCache


def test_the_redis_client_is_built_once_per_connection_pool():
    """Every cache call reuses one redis.Redis instead of building one (and its tables) per call."""
    cache = TolerantRedisCache("redis://127.0.0.1:19299/12", {})
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is first
    assert first.connection_pool is cache._cache._get_connection_pool(True)
