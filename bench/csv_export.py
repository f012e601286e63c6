"""
Benchmark: export 100,000 ratings as CSV through the admin, and report time and memory.

    .venv/bin/python bench/csv_export.py [--rows 100000]

Runs on a scratch SQLite database of its own (or on DATABASE_URL if set, in a
scratch database the test runner creates). Target: a Python memory peak under
30 MB however many rows (exits 1 if missed); the time is reported. Results
are recorded in docs/performance.md.
"""

import argparse
import datetime
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from feedback.models import Rating, browser_fingerprint  # noqa: E402

PEAK_TARGET_MB = 30


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows

    from django.conf import settings
    from django.test.utils import get_runner

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        started = time.perf_counter()
        start = timezone.now() - datetime.timedelta(days=84)
        comment = "Un commentaire de longueur moyenne, avec quelques mots — رأي قصير."
        for first in range(0, rows, 10_000):
            Rating.objects.bulk_create(
                Rating(
                    score=1 + n % 5,
                    language=("ar", "en", "fr")[n % 3],
                    path=f"/ar/news/2025/01/01/مقال-{n % 500}/",
                    comment=comment if n % 4 == 0 else "",
                    created_at=start + datetime.timedelta(seconds=n * 60),
                    browser=browser_fingerprint(str(n)),
                )
                for n in range(first, min(first + 10_000, rows))
            )
        filled = time.perf_counter() - started

        admin = get_user_model().objects.create_superuser("bench", password=None)
        client = Client()
        client.force_login(admin)

        def export():
            response = client.get(reverse("admin:feedback_rating_export"))
            size = lines = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                lines += chunk.count(b"\r\n")
            return size, lines

        # Time without tracemalloc (it slows Python down), then memory with it.
        began = time.perf_counter()
        size, lines = export()
        elapsed = time.perf_counter() - began
        tracemalloc.start()
        export()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        runner.teardown_databases(old_config)

    peak_mb = peak / 1024 / 1024
    print(f"database:        {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"rows:            {rows:,} (filled in {filled:.1f} s)")
    print(f"csv lines:       {lines:,} ({size / 1024 / 1024:.1f} MB)")
    print(f"export time:     {elapsed:.2f} s")
    print(f"python peak:     {peak_mb:.1f} MB (target < {PEAK_TARGET_MB} MB)")
    if lines != rows + 1:
        sys.exit(f"expected {rows + 1} lines")
    if peak_mb >= PEAK_TARGET_MB:
        sys.exit("memory target missed")


if __name__ == "__main__":
    main()
