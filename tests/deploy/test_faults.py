"""Faults in the topology: the database, the cache or an app worker going away."""

import os
import signal
import threading
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.topology


def eventually(check, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def test_database_down_gives_a_localized_503_and_service_resumes(topology):
    """PostgreSQL stopped: a 503 page in the URL's language, Retry-After; then back by itself."""
    visitor = topology.client()
    apps = {name: topology.pid(name) for name in ("app1", "app2")}
    topology.run("stop", "postgres")
    try:
        for language in ("fr", "ar"):
            page = visitor.get(f"/{language}/news/?outage={uuid.uuid4().hex}")
            assert page.status == 503, page.text[:300]
            assert page.header("Retry-After", "").isdigit()
            assert f'lang="{language}"' in page.text
            assert "Traceback" not in page.text
        ready = visitor.get("/readyz")
        assert ready.status == 503
        assert "database" in ready.text
    finally:
        topology.run("start", "postgres")
    page = eventually(lambda: visitor.get(f"/fr/news/?back={uuid.uuid4().hex}").status == 200)
    assert page, "the site did not come back after PostgreSQL did"
    assert '<html lang="fr"' in visitor.get("/fr/news/").text
    # Without restarting the app servers.
    assert {name: topology.pid(name) for name in apps} == apps


def test_cache_down_pages_keep_serving(topology):
    """Redis stopped: pages are still served by both app servers."""
    visitor = topology.client()
    topology.run("stop", "redis")
    try:
        pages = [visitor.get(f"/en/news/?no-cache={uuid.uuid4().hex}") for _ in range(4)]
        assert [page.status for page in pages] == [200] * 4
        assert all('<html lang="en"' in page.text for page in pages)
        assert len({page.header("X-Upstream") for page in pages}) == 2
    finally:
        topology.run("start", "redis")


def workers_of(master):
    """The pids of a gunicorn master's workers."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def test_a_worker_killed_under_load_costs_at_most_its_request(topology):
    """kill -9 of a worker under load: only its in-flight request may fail; no partial rating."""
    run = uuid.uuid4().hex[:8]
    results = []  # (kind, status, marker)
    lock = threading.Lock()
    stop_at = time.monotonic() + 6

    def visitor(number):
        sent = 0
        while time.monotonic() < stop_at and sent < 150:
            sent += 1
            # Every POST from its own address and browser: the rate limit stays out of it.
            client = topology.client(source=f"127.1.{number}.{sent}")
            kind = "GET" if sent % 2 else "POST"
            marker = f"load {run} {number} {sent}" if kind == "POST" else None
            try:
                if marker is None:
                    status = client.get(f"/en/news/?load={run}-{number}-{sent}").status
                else:
                    status = client.rate(score=1 + sent % 5, comment=marker).status
            except OSError:
                status = "connection error"
            with lock:
                results.append((kind, status, marker))

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    master = topology.pid("app1")
    before = workers_of(master)
    time.sleep(2)
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    for thread in threads:
        thread.join()

    failed = [result for result in results if result[1] != 200]
    # A sync worker handles one request at a time: only that one may fail
    # (nginx retries a GET on the other server, never a POST).
    assert len(failed) <= 1, failed
    assert len(results) > 20
    # gunicorn replaced the worker.
    after = eventually(lambda: len(workers_of(master)) == 2 and workers_of(master))
    assert victim not in after and len(after) == 2

    accepted = {marker for kind, status, marker in results if kind == "POST" and status == 200}
    rows = topology.sql(
        "SELECT comment, score, path, language, length(browser) FROM feedback_rating"
        " WHERE comment LIKE %s",
        f"load {run} %",
    )
    stored = {row[0] for row in rows}
    assert accepted <= stored  # every accepted rating is there
    assert len(rows) <= len(accepted) + len(failed)
    for comment, score, path, language, browser_length in rows:
        sent = int(comment.rsplit(" ", 1)[1])
        assert (score, path, language, browser_length) == (1 + sent % 5, "/en/", "en", 64)

    # nginx left the server out for its fail_timeout: both answer again by themselves.
    def both_answer():
        client = topology.client()
        seen = {client.get(f"/en/?back={run}-{n}").header("X-Upstream") for n in range(4)}
        return len(seen) == 2

    assert eventually(both_answer)
