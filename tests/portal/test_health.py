import json
import uuid

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def closed_port_cache():
    """A Redis cache whose server is not there (a port of ours nobody listens on)."""
    return {
        "default": {
            "BACKEND": "sitekit.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:18599/5",
            "KEY_PREFIX": uuid.uuid4().hex,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    """/healthz is liveness only: 200, no query, never stored by a cache."""
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_and_readyz_have_no_language_prefix(client):
    """Probes ask for fixed paths: no redirect to /en/, and /en/healthz does not exist."""
    assert client.get("/readyz").status_code == 200
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/en/readyz").status_code == 404


def test_readyz_reports_database_and_cache(client):
    """/readyz answers 200 naming both parts when the database and the cache answer."""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_names_the_database_when_it_fails(client, monkeypatch):
    """Database down: 503 with "database": "unavailable", and no error text, host or version."""
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "10.9.8.7", port 5432 failed')

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert b"10.9.8.7" not in response.content and b"5432" not in response.content


def test_readyz_names_the_cache_when_redis_is_down(client, settings):
    """Redis unreachable: 503 with "cache": "unavailable"; the database still "ok"."""
    settings.CACHES = closed_port_cache()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
    }
    assert b"18599" not in response.content
