"""
CPU cost of each page type, in-process, beside the bare Django baseline.

    .venv/bin/python bench/cost.py [--size 10000] [-n 200] [--only article,home]
    .venv/bin/python bench/cost.py --profile article [--cached]   (cProfile, top entries)

A wall-clock load test means little on a busy machine; CPU time per request
barely depends on what else runs. Each page is sent through the WSGI
application as gunicorn would call it (production settings: DEBUG off, the
cached template loader, the benchmark's database and Redis), first with the
page cache off, then with it on (hits), and the baseline project's page and
`HttpResponse("ok")` the same way in another process. Prints, per page, the
median `time.process_time()` per request, the ratio baseline/page (what the
throughput ratio of `make bench` should come close to) and the queries.
Ratings it posts are deleted afterwards.
"""

import argparse
import io
import itertools
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BENCH_REDIS_URL lets two measurements run side by side without clearing each other.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def environ(path, method="GET", body=b"", headers=None):
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "bench/cost.py",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    # A callable gives each request headers of its own (the rating's user agent).
    for name, value in (headers() if callable(headers) else headers or {}).items():
        env["HTTP_" + name.upper().replace("-", "_")] = value
    return env


def call(application, path, method="GET", body=b"", headers=None):
    """One request as a WSGI server makes it; its status line and body size."""
    status = []

    def start_response(line, response_headers, exc_info=None):
        status.append(line)

    result = application(environ(path, method, body, headers), start_response)
    try:
        size = sum(len(chunk) for chunk in result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0], size


CALIBRATION = {"items": [{"id": i, "title": f"Item {i}", "tags": ["a", "b"]} for i in range(60)]}


def calibration():
    """A fixed piece of pure Python work (about 0.1 ms), timed between requests."""
    json.loads(json.dumps(CALIBRATION))
    return sorted(str(i) for i in range(300))


def measure(application, path, n, warmup=10, **request):
    """
    CPU time of one request (first decile), and the same in "units" of the calibration
    work timed right after each request: on a busy machine both slow down
    alike, so units compare across runs and with the baseline's process.
    """
    for _ in range(warmup):
        status, size = call(application, path, **request)
    times, units = [], []
    for _ in range(n):
        start = time.process_time()
        call(application, path, **request)
        middle = time.process_time()
        calibration()
        calibration()
        end = time.process_time()
        times.append(middle - start)
        units.append((middle - start) / max((end - middle) / 2, 1e-9))
    # The fastest tenth: the request's own cost, with least interference.
    return {
        "ms": 1000 * statistics.quantiles(times, n=10)[0],
        "median_ms": 1000 * statistics.median(times),
        "units": statistics.quantiles(units, n=10)[0],
        "status": status,
        "bytes": size,
    }


def child_portal(options):
    """In the portal's process: every page, uncached then cached."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    sys.path.insert(0, str(ROOT))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.dataset import DATABASE_PREFIX
    from bench.probe import pages
    from feedback.models import Rating

    if not connection.settings_dict["NAME"].startswith(DATABASE_PREFIX):
        sys.exit("cost: refusing a database that is not the benchmark's")
    from django.core.cache import cache

    cache.clear()
    paths = pages(Client(HTTP_HOST="127.0.0.1"))
    only = options.only.split(",") if options.only else list(paths) + ["rating"]
    started = time.time()
    agents = itertools.count()
    rating_body = (
        f"score=4&comment=&website=&path={paths['article']}".encode() if "rating" in only else b""
    )
    post = {
        "method": "POST",
        "body": rating_body,
        # A user agent per request, as bench/wrk.lua sends: each POST is a new
        # rating, not the second click of a double click (the same browser,
        # answer and address within 10 seconds, feedback/throttle.py).
        "headers": lambda: {
            "Origin": "http://127.0.0.1",
            "Accept": "application/json",
            "User-Agent": f"bench/cost.py {next(agents)}",
        },
    }

    def queries(path, **request):
        call(application, path, **request)
        with CaptureQueriesContext(connection) as captured:
            call(application, path, **request)
        return len(captured)

    if options.profile:
        import cProfile
        import pstats

        settings.PAGE_CACHE_SECONDS = 300 if options.cached else 0
        target = paths.get(options.profile)
        request, path = (post, "/en/feedback/") if options.profile == "rating" else ({}, target)
        for _ in range(20):
            call(application, path, **request)
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(options.n):
            call(application, path, **request)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats(options.sort).print_stats(options.top)
        return None

    result = {}
    for mode, seconds in (("uncached", 0), ("cached", 300)):
        settings.PAGE_CACHE_SECONDS = seconds
        result[mode] = {}
        for key in only:
            if key == "rating":
                if mode == "cached":
                    figures = measure(application, "/en/feedback/", options.n, **post)
                    figures["queries"] = queries("/en/feedback/", **post)
                    result["rating"] = figures
                continue
            path = paths.get(key)
            if not path:
                continue
            figures = measure(application, path, options.n)
            figures["queries"] = queries(path)
            figures["path"] = path
            result[mode][key] = figures
    Rating.objects.filter(created_at__gte=_datetime(started - 1)).delete()
    return result


def _datetime(timestamp):
    import datetime

    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def child_baseline(options):
    os.environ["DJANGO_SETTINGS_MODULE"] = "baseline.settings"
    sys.path.insert(0, str(ROOT / "bench" / "baseline"))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    return {
        "page": measure(application, "/page/", options.n),
        "ok": measure(application, "/ok/", options.n, method="POST", body=b"score=4", headers={}),
    }


def run_child(kind, options, env):
    command = [sys.executable, __file__, "--child", kind, "-n", str(options.n)]
    if options.only:
        command += ["--only", options.only]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"cost: the {kind} process failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("-n", type=int, default=200, help="requests measured per page")
    parser.add_argument("--only", default="", help="comma-separated page keys")
    parser.add_argument("--profile", default="", help="profile one page key instead")
    parser.add_argument("--cached", action="store_true", help="profile the cached answer")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.child == "portal":
        print(json.dumps(child_portal(options)))
        return
    if options.child == "baseline":
        print(json.dumps(child_baseline(options)))
        return

    sys.path.insert(0, str(ROOT))
    from bench.dataset import database_url

    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FEEDBACK_")) and key not in ("REDIS_URL",)
    }
    key = secrets.token_urlsafe(50)
    app_env = {
        **base_env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url(options.size),
        "FEEDBACK_RATE_LIMIT": "100000000",
    }
    if options.profile:
        command = [sys.executable, __file__, "--child", "portal", "-n", str(options.n)]
        command += ["--profile", options.profile, "--sort", options.sort]
        command += ["--top", str(options.top)] + (["--cached"] if options.cached else [])
        subprocess.run(command, env=app_env, cwd=ROOT, stderr=subprocess.DEVNULL, check=True)
        return
    baseline_env = {**base_env, "DJANGO_SECRET_KEY": key, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
    baseline = run_child("baseline", options, baseline_env)
    portal = run_child("portal", options, app_env)

    page, ok = baseline["page"], baseline["ok"]
    print(
        f"baseline page {page['ms']:.3f} ms CPU ({page['units']:.2f} u), "
        f"POST ok {ok['ms']:.3f} ms ({ok['units']:.2f} u); {options.n} requests each; "
        "ratio = baseline units / page units"
    )
    print(
        f"{'page':<16}{'uncached ms':>12}{'u':>7}{'ratio':>8}{'q':>4}"
        f"{'cached ms':>11}{'u':>6}{'ratio':>8}"
    )
    for name, figures in portal["uncached"].items():
        cached = portal["cached"].get(name)
        line = (
            f"{name:<16}{figures['ms']:>12.2f}{figures['units']:>7.1f}"
            f"{100 * page['units'] / figures['units']:>7.1f}%{figures['queries']:>4}"
        )
        if cached:
            line += (
                f"{cached['ms']:>11.3f}{cached['units']:>6.2f}"
                f"{100 * page['units'] / cached['units']:>7.1f}%"
            )
        print(line)
    if "rating" in portal:
        rating = portal["rating"]
        print(
            f"{'rating POST':<16}{rating['ms']:>12.3f}{rating['units']:>7.2f}"
            f"{100 * ok['units'] / rating['units']:>7.1f}%{rating['queries']:>4}"
            f"  ({rating['status']})"
        )


if __name__ == "__main__":
    main()
