"""
The portal's Prometheus metrics, defined once so any app may count into them.

prometheus_client keeps each value in the process; with several gunicorn
workers set PROMETHEUS_MULTIPROC_DIR (an empty folder, wiped when the server
starts) and every worker writes its values there, and `/metrics` adds them up
(portal/views.py, docs/deployment.md). Labels take a few known values only.
"""

from prometheus_client import Counter, Histogram

REQUESTS = Counter(
    "portal_http_requests",
    "Requests answered, by method, route and status code.",
    ["method", "route", "status"],
)
REQUEST_SECONDS = Histogram(
    "portal_http_request_duration_seconds",
    "Time to answer a request, by method and route.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RATINGS_STORED = Counter(
    "portal_ratings_stored",
    "Ratings saved: new, or replacing the same browser's earlier one.",
    ["kind"],
)
RATINGS_REFUSED = Counter(
    "portal_ratings_refused",
    "Ratings not saved, by reason.",
    ["reason"],
)
PAGE_CACHE = Counter(
    "portal_page_cache",
    "Page cache look-ups, by result (hit or miss).",
    ["result"],
)
CACHE_ERRORS = Counter(
    "portal_cache_errors",
    "Cache operations that failed because the cache server did not answer.",
)
DATABASE_UNAVAILABLE = Counter(
    "portal_database_unavailable",
    "Requests answered 503 because the database did not answer.",
)

# Why a rating was refused; the rating endpoint uses exactly these.
REFUSAL_REASONS = ("method", "cross-site", "too-large", "rate-limited", "invalid", "bot")


def record_page_cache(hit: bool):
    """Count one page cache look-up."""
    PAGE_CACHE.labels(result="hit" if hit else "miss").inc()


def record_rating_stored(replaced: bool):
    RATINGS_STORED.labels(kind="replaced" if replaced else "new").inc()


def record_rating_refused(reason: str):
    if reason not in REFUSAL_REASONS:
        raise ValueError(f"Unknown refusal reason: {reason}")
    RATINGS_REFUSED.labels(reason=reason).inc()


# Every series exists from the start, at 0, so rates are defined before the first event.
for _reason in REFUSAL_REASONS:
    RATINGS_REFUSED.labels(reason=_reason)
for _kind in ("new", "replaced"):
    RATINGS_STORED.labels(kind=_kind)
for _result in ("hit", "miss"):
    PAGE_CACHE.labels(result=_result)
