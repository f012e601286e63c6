import ipaddress
import os
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views import defaults, static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from sitekit.cache import CacheUnavailable

from .errors import DATABASE_UNAVAILABLE_ERRORS, database_unavailable


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def health(request):
    """Liveness: 200 whenever this process answers; touches nothing else."""
    return no_store(JsonResponse({"status": "ok"}))


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_answers():
    """True when the cache server answers (the tolerant Redis backend can say; others try)."""
    check = getattr(cache, "check", None)
    if check is not None:
        try:
            check()
        except CacheUnavailable:
            return False
        return True
    cache.set("portal:readyz", "ok", timeout=10)
    return cache.get("portal:readyz") == "ok"


@require_safe
def ready(request):
    """Readiness: 200 when the database and the cache answer, else 503 naming which did not."""
    parts = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    ok = all(value == "ok" for value in parts.values())
    return no_store(
        JsonResponse({"status": "ok" if ok else "unavailable", **parts}, status=200 if ok else 503)
    )


def metrics_client_allowed(request):
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.PORTAL_METRICS_ALLOWED)


@never_cache
@require_safe
def metrics(request):
    """Prometheus metrics, for the addresses in DJANGO_METRICS_ALLOWED only (404 to others)."""
    if not metrics_client_allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Every gunicorn worker writes its values to that folder: add them up.
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def server_error(request):
    """handler500: the 503 page when the database is what failed (also in middleware)."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable(request, error)
    return defaults.server_error(request)


def media(request, path):
    """Uploaded files, in development only (the web server serves them in production)."""
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
