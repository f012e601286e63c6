import io
import ipaddress
import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from prometheus_client import REGISTRY

from portal.logs import JsonFormatter, RequestIdFilter
from sitekit import metrics
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def json_log():
    """Every log record of the test, formatted as production formats it; returns a reader."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(), logging.getLogger("portal.requests")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_each_request_logs_one_json_line_with_its_fields(client, json_log):
    """A request: one line with time, level, logger, message, id, method, path, status, ms."""
    make_article()
    response = client.get("/en/news/?q=private+words", HTTP_X_REQUEST_ID="edge-42.a_b")
    assert response["X-Request-ID"] == "edge-42.a_b"
    [line] = [record for record in json_log() if record["logger"] == "portal.requests"]
    assert line["level"] == "INFO"
    assert line["message"] == "GET /en/news/ 200"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/en/news/", 200)
    assert line["request_id"] == "edge-42.a_b"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["time"].endswith("+00:00") and "T" in line["time"]
    assert "private" not in json.dumps(line)


@pytest.mark.parametrize(
    "incoming", ["", "x" * 65, "id with spaces", "<script>", "id\r\nSet-Cookie: a=b", "é"]
)
def test_unsafe_or_missing_request_ids_are_replaced(client, json_log, incoming):
    """A missing, long or unsafe X-Request-ID is replaced by a generated one, echoed back."""
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    generated = response["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and generated.isalnum()
    [line] = [record for record in json_log() if record["logger"] == "portal.requests"]
    assert line["request_id"] == generated


def test_records_written_during_a_request_carry_its_id(client, json_log, monkeypatch):
    """A warning logged by a view carries the id of its request."""
    from django.db import OperationalError, connection

    def refuse(*args, **kwargs):
        raise OperationalError("down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        client.get("/en/", HTTP_X_REQUEST_ID="req-7")
    records = {record["logger"]: record for record in json_log()}
    assert records["portal.database"]["request_id"] == "req-7"
    assert records["portal.database"]["level"] == "ERROR"
    assert records["portal.requests"]["status"] == 503


def run_settings(env, code):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "portal.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True
    )


LOG_ONE = "import django, logging; django.setup(); logging.getLogger('x').warning('hello %s', 1)"
PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "a.org"}


def test_logs_are_json_in_production_and_text_in_development():
    """Without debug the console gets JSON lines; DJANGO_LOG_FORMAT=text or debug gives text."""
    production = run_settings(PRODUCTION, LOG_ONE)
    assert production.returncode == 0, production.stderr
    record = json.loads(production.stderr.strip())
    assert (record["level"], record["logger"], record["message"]) == ("WARNING", "x", "hello 1")
    assert record["request_id"] == "-"
    text = run_settings({**PRODUCTION, "DJANGO_LOG_FORMAT": "text"}, LOG_ONE)
    assert text.stderr.strip().endswith("WARNING x [-] hello 1")
    development = run_settings({"DJANGO_DEBUG": "1"}, LOG_ONE)
    assert development.stderr.strip().endswith("WARNING x [-] hello 1")
    wrong = run_settings({"DJANGO_DEBUG": "1", "DJANGO_LOG_FORMAT": "xml"}, LOG_ONE)
    assert wrong.returncode != 0 and "DJANGO_LOG_FORMAT must be json or text" in wrong.stderr


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_answer_local_clients_in_prometheus_format(client):
    """/metrics from 127.0.0.1: our counters and the request metrics, as Prometheus text."""
    client.get("/healthz")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    for name in (
        'portal_http_requests_total{method="GET",route="health",status="200"}',
        "portal_http_request_duration_seconds_bucket",
        'portal_ratings_refused_total{reason="rate-limited"}',
        'portal_ratings_stored_total{kind="new"}',
        'portal_page_cache_total{result="hit"}',
        "portal_cache_errors_total",
        "portal_database_unavailable_total",
    ):
        assert name in text
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("remote", "forwarded"),
    [("203.0.113.9", ""), ("203.0.113.9", "127.0.0.1"), ("10.0.0.5", ""), ("::2", "")],
)
def test_metrics_are_a_404_to_anyone_else(client, remote, forwarded):
    """Other addresses get the 404 page; X-Forwarded-For cannot claim to be local."""
    response = client.get("/metrics", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 404
    assert b"portal_http_requests" not in response.content


def test_metrics_networks_come_from_the_setting(client, settings):
    """DJANGO_METRICS_ALLOWED's networks (here 10.0.0.0/8 and IPv6 ::1) decide."""
    settings.PORTAL_METRICS_ALLOWED = [ipaddress.ip_network("10.0.0.0/8")]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    settings.PORTAL_METRICS_ALLOWED = [ipaddress.ip_network("::1/128")]
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200


def test_default_metrics_networks_are_the_loopback_addresses():
    """Without DJANGO_METRICS_ALLOWED only 127.0.0.1 and ::1 may read /metrics."""
    assert [
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("::1/128"),
    ] == settings.PORTAL_METRICS_ALLOWED


def test_page_cache_helper_counts_hits_and_misses():
    """record_page_cache(True/False) adds one to the hit or the miss series."""
    hits, misses = (
        sample("portal_page_cache_total", result="hit"),
        sample("portal_page_cache_total", result="miss"),
    )
    metrics.record_page_cache(True)
    metrics.record_page_cache(True)
    metrics.record_page_cache(False)
    assert sample("portal_page_cache_total", result="hit") == hits + 2
    assert sample("portal_page_cache_total", result="miss") == misses + 1


def test_ratings_are_counted_stored_and_refused_by_reason(client, settings):
    """A new rating, a replaced one, a cross-site one, an invalid one and a flood, each counted."""
    settings.FEEDBACK_RATE_LIMIT = 3
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m"}
    }
    before = {
        "new": sample("portal_ratings_stored_total", kind="new"),
        "replaced": sample("portal_ratings_stored_total", kind="replaced"),
        **{r: sample("portal_ratings_refused_total", reason=r) for r in metrics.REFUSAL_REASONS},
    }
    data = {"score": "4", "path": "/en/"}
    client.post("/en/feedback/", data)
    client.post("/en/feedback/", {**data, "score": "5"})  # same browser: replaces
    client.post("/en/feedback/", data, HTTP_ORIGIN="https://elsewhere.example")
    client.post("/en/feedback/", {**data, "score": "9"})
    client.post("/en/feedback/", data)  # fourth counted attempt: over the limit
    client.get("/en/feedback/")
    assert sample("portal_ratings_stored_total", kind="new") == before["new"] + 1
    assert sample("portal_ratings_stored_total", kind="replaced") == before["replaced"] + 1
    for reason in ("cross-site", "invalid", "rate-limited", "method"):
        assert sample("portal_ratings_refused_total", reason=reason) == before[reason] + 1
    assert sample("portal_ratings_refused_total", reason="bot") == before["bot"]


WORKER = (
    "from sitekit import metrics; "
    "metrics.record_page_cache(True); metrics.record_rating_refused('invalid')"
)
SCRAPE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import Client
    print(Client().get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode())
    """
)


def test_counters_of_several_processes_add_up(tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR, /metrics sums what every worker process counted."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_DEBUG": "1"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    for _ in range(3):
        subprocess.run([sys.executable, "-c", WORKER], cwd=BASE_DIR, env=env, check=True)
    scrape = subprocess.run(
        [sys.executable, "-c", SCRAPE], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert scrape.returncode == 0, scrape.stderr
    assert 'portal_page_cache_total{result="hit"} 3.0' in scrape.stdout
    assert 'portal_ratings_refused_total{reason="invalid"} 3.0' in scrape.stdout
