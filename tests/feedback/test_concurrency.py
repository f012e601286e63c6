import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
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
