"""The page visitors get while the database is unreachable."""

import logging

from django import db
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from sitekit.metrics import DATABASE_UNAVAILABLE

logger = logging.getLogger("portal.database")

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def _unavailable_errors():
    errors = [db.OperationalError, db.InterfaceError]
    try:
        import psycopg
    except ImportError:  # pragma: no cover (psycopg is a dependency)
        pass
    else:
        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    return tuple(errors)


DATABASE_UNAVAILABLE_ERRORS = _unavailable_errors()


def database_unavailable(request, error):
    """503 in the active language, with Retry-After; never the error's text."""
    DATABASE_UNAVAILABLE.inc()
    # The class name is enough to tell the outage; the text may name hosts.
    logger.error("Database unavailable (%s): answered 503.", type(error).__name__)
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"ok": False, "message": _("The site is briefly unavailable. Please try again soon.")},
            status=503,
        )
    else:
        # Rendered without the request: context processors might query the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
