import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.cache import cache
from django.db import connection

from feedback.models import Rating

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
PER_THREAD = 10


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL; SQLite serializes them by design.")


def test_200_ratings_from_20_threads_leave_200_rows(postgresql, live_server, settings):
    """200 browsers rating at once through 20 threads against a live server: 200 rows."""
    settings.FEEDBACK_RATE_LIMIT = 10_000
    url = f"{live_server.url}/en/feedback/"
    failures = []

    def rater(worker):
        for n in range(PER_THREAD):
            # A new browser each time: no cookie is sent back.
            body = urllib.parse.urlencode(
                {"score": str(1 + (worker + n) % 5), "path": "/en/", "comment": f"w{worker}n{n}"}
            ).encode()
            request = urllib.request.Request(
                url, data=body, headers={"Accept": "application/json"}, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    if response.status != 200:
                        failures.append(response.status)
            except urllib.error.HTTPError as error:
                failures.append(error.code)
            except OSError as error:  # pragma: no cover - reported below
                failures.append(repr(error))

    threads = [threading.Thread(target=rater, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Rating.objects.count() == THREADS * PER_THREAD
    assert Rating.objects.values("browser").distinct().count() == THREADS * PER_THREAD
    comments = set(Rating.objects.values_list("comment", flat=True))
    assert comments == {f"w{w}n{n}" for w in range(THREADS) for n in range(PER_THREAD)}


def test_a_double_click_before_the_cookie_exists_leaves_one_row(postgresql, live_server, settings):
    """Two identical first ratings from one browser, sent at the same moment: one row."""
    settings.FEEDBACK_RATE_LIMIT = 10_000
    url = f"{live_server.url}/en/feedback/"
    body = urllib.parse.urlencode({"score": "2", "path": "/en/", "comment": "double"}).encode()
    start = threading.Barrier(2)
    cookies = []

    def click():
        request = urllib.request.Request(
            url,
            data=body,
            headers={"Accept": "application/json", "User-Agent": "Browser/1.0"},
            method="POST",
        )
        start.wait()
        with urllib.request.urlopen(request, timeout=30) as response:
            cookies.append(response.headers["Set-Cookie"].split(";")[0])

    for _round in range(5):
        Rating.objects.all().delete()
        cookies.clear()
        threads = [threading.Thread(target=click) for _n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert Rating.objects.filter(comment="double").count() == 1
        # Both answers give the browser the same cookie: the one that owns the row.
        assert len(cookies) == 2 and cookies[0] == cookies[1]
        # The next round is a new double click (and not rate-limited).
        cache.clear()
