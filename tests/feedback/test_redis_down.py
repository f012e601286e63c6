"""Redis gone: pages keep coming from the database, the rate limit holds per process."""

import io
import json
import logging
import os
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client

from feedback import throttle
from feedback.models import Rating
from portal.logs import JsonFormatter, RequestIdFilter
from sitekit import cache as tolerant
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """The cache is Redis at a port of ours where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "sitekit.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:18597/5",
            "KEY_PREFIX": uuid.uuid4().hex,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    tolerant._down_until.clear()
    throttle._fallback.clear()
    yield
    tolerant._down_until.clear()
    throttle._fallback.clear()


@pytest.fixture
def redis_up(settings):
    """The cache is the machine's Redis, in database 5 (ours), with keys of this test only."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=5, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("PORTAL_REQUIRE_SERVICES"):
            pytest.fail("Redis is not running on 127.0.0.1:6379.")
        pytest.skip("Redis is not running on 127.0.0.1:6379.")
    settings.CACHES = {
        "default": {
            "BACKEND": "sitekit.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/5",
            "KEY_PREFIX": uuid.uuid4().hex,
        }
    }
    tolerant._down_until.clear()


def test_production_settings_use_the_tolerant_backend(settings):
    """With REDIS_URL set, settings pick the tolerant Redis backend with short timeouts."""
    import subprocess
    import sys

    code = "import portal.settings as s, json; print(json.dumps(s.CACHES['default']))"
    env = {**os.environ, "DJANGO_DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/5"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True
    )
    config = json.loads(result.stdout)
    assert config["BACKEND"] == "sitekit.cache.TolerantRedisCache"
    assert config["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def test_cache_calls_are_misses_while_redis_is_down(redis_down, caplog):
    """get/set/add/get_many answer as misses and log one warning, not one per call."""
    assert cache.get("a", "default") == "default"
    cache.set("a", 1)
    assert cache.add("b", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("c", 3) == 3
    warnings = [r for r in caplog.records if r.name == "sitekit.cache"]
    assert len(warnings) == 1
    assert "Cache server unavailable (ConnectionError during get)" in warnings[0].getMessage()
    with pytest.raises(tolerant.CacheUnavailable):
        cache.incr("a")


def test_pages_are_served_from_the_database_while_redis_is_down(client, redis_down):
    """Home, list and article pages answer 200 with their content when Redis is unreachable."""
    article = make_article()
    for path in ("/en/", "/fr/news/", article.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
    assert article.title_en in response.content.decode()


def test_cache_works_again_when_redis_is_back(redis_up):
    """With Redis answering, the tolerant backend stores and reads values as usual."""
    cache.set("k", {"v": 1}, 30)
    assert cache.get("k") == {"v": 1}
    assert cache.add("n", 0, 30) is True
    assert cache.incr("n") == 1
    cache.check()


def test_rate_limit_holds_per_process_while_redis_is_down(client, redis_down, settings, caplog):
    """Redis down: ratings are still taken, up to the limit counted in this process, then 429."""
    settings.FEEDBACK_RATE_LIMIT = 3
    statuses = [
        Client().post("/en/feedback/", {"score": str(n), "path": "/en/"}).status_code
        for n in (1, 2, 3, 4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert sorted(Rating.objects.values_list("score", flat=True)) == [1, 2, 3]
    messages = [r.getMessage() for r in caplog.records if r.name == "feedback.throttle"]
    assert messages[0] == "Shared cache unavailable: counting ratings in this process only."


def test_rate_limit_counts_in_redis_when_it_answers(redis_up, settings):
    """With Redis up the count lives in Redis, not in the per-process fallback."""
    settings.FEEDBACK_RATE_LIMIT = 2
    throttle._fallback.clear()
    statuses = [
        Client().post("/en/feedback/", {"score": "4", "path": "/en/"}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(throttle._fallback._cache) == 0
    store = caches["default"]
    keys = store._cache.get_client().keys(store.make_key("feedback:rate:") + "*")
    assert len(keys) == 1 and store._cache.get_client().ttl(keys[0]) > 0
    assert int(store._cache.get_client().get(keys[0])) == 3
    assert type(caches["default"]).__name__ == "TolerantRedisCache"


def test_a_rating_leaves_neither_comment_nor_address_in_the_logs(redis_down):
    """A rating whose comment holds an e-mail address logs neither the comment nor the IP."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    watched = [logging.getLogger(), logging.getLogger("portal.requests")]
    levels = [logger.level for logger in watched]
    for logger in watched:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        client = Client(REMOTE_ADDR="198.51.100.23")
        response = client.post(
            "/en/feedback/",
            {"score": "2", "path": "/en/", "comment": "Write to jane.doe@example.org, thanks"},
        )
    finally:
        for logger, level in zip(watched, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
    assert response.status_code == 302
    assert Rating.objects.get().comment == "Write to [email removed], thanks"
    output = stream.getvalue()
    records = [json.loads(line) for line in output.splitlines()]
    # Something was logged (the access line and the outage warning), just not that.
    assert {"portal.requests", "feedback.throttle"} <= {r["logger"] for r in records}
    for secret in ("jane.doe", "example.org", "Write to", "198.51.100.23", "198.51.100"):
        assert secret not in output


def test_a_double_click_is_one_rating_while_redis_is_down(redis_down):
    """Redis down: the double click's token is claimed in this process, so one row, one cookie."""
    answer = {"score": "3", "path": "/en/", "comment": "twice"}
    first = Client(HTTP_USER_AGENT="Browser/1.0").post("/en/feedback/", answer)
    second = Client(HTTP_USER_AGENT="Browser/1.0").post("/en/feedback/", answer)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Rating.objects.count() == 1
    assert first.cookies["portal_rater"].value == second.cookies["portal_rater"].value


@pytest.fixture
def redis_round_trips(monkeypatch):
    """The commands (or pipelines) sent to Redis, one entry per round trip."""
    from redis.connection import AbstractConnection

    sent = []
    real = AbstractConnection.send_packed_command

    def send(connection, command, check_health=True):
        sent.append(command)
        return real(connection, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", send)
    return sent


def test_redis_round_trips_of_a_rating(redis_up, redis_round_trips):
    """A new rating asks Redis twice (count, claim), its double click three times (count,
    claim, read the claimed token), a replacement with the cookie once (count)."""
    cache.get("connect")  # Opening the connection sends commands of its own.
    redis_round_trips.clear()
    answer = {"score": "4", "path": "/en/", "comment": ""}
    browser = Client(HTTP_USER_AGENT="Browser/2.0")
    browser.post("/en/feedback/", answer)
    assert len(redis_round_trips) == 2
    Client(HTTP_USER_AGENT="Browser/2.0").post("/en/feedback/", answer)
    assert len(redis_round_trips) == 5
    browser.post("/en/feedback/", {**answer, "score": "5"})
    assert len(redis_round_trips) == 6
    assert list(Rating.objects.values_list("score", flat=True)) == [5]
