import logging
import re
import time
import uuid
from urllib.parse import unquote_plus

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404

from sitekit import metrics

from . import logs
from .errors import DATABASE_UNAVAILABLE_ERRORS, database_unavailable

access_log = logging.getLogger("portal.requests")

# An id from the proxy is kept if it is this plain; anything else gets a new one.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RejectMalformedPathMiddleware:
    """
    Turn paths no page could have into a 400 or a 404 before anything looks them up.

    Static files, media and the database all choke on a NUL byte or on a name
    longer than the file system allows; checking once here, ahead of WhiteNoise
    and the media view, keeps those errors from ever becoming a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        query = unquote_plus(request.META.get("QUERY_STRING", ""))
        if "\x00" in path or "\x00" in query:
            raise SuspiciousOperation("NUL byte in the request path or query string.")
        if len(path) > settings.PORTAL_MAX_PATH_LENGTH or any(
            len(part) > 255 for part in path.split("/")
        ):
            raise Http404("Path too long.")
        return self.get_response(request)


class RequestLogMiddleware:
    """
    One access-log line and the request metrics for every request; its id in the response.

    The id comes from the proxy's `X-Request-ID` when that is short and plain,
    or is made here, and is stamped on every log record of the request. The
    line holds the method, the path without its query string (which may carry
    what a visitor typed), the status and the time taken: no address, no
    user agent, nothing a visitor sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = logs.request_id.set(rid)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - start
            response["X-Request-ID"] = rid
            method = request.method if request.method in KNOWN_METHODS else "OTHER"
            match = getattr(request, "resolver_match", None)
            route = (match.view_name if match else "") or "unresolved"
            metrics.REQUESTS.labels(method, route, str(response.status_code)).inc()
            metrics.REQUEST_SECONDS.labels(method, route).observe(elapsed)
            access_log.info(
                "%s %s %s",
                method,
                request.path,
                response.status_code,
                extra={
                    "method": method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            return response
        finally:
            logs.request_id.reset(token)


class DatabaseUnavailableMiddleware:
    """
    While the database is unreachable, visitors get the localized 503 page.

    process_exception sees errors raised by a view and by the rendering of its
    template response; errors raised in other middleware reach handler500,
    which gives the same page (portal/views.py). Django's persistent
    connections are health-checked (`conn_health_checks`), so service resumes
    by itself once the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            return database_unavailable(request, exception)
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's policy, plus PORTAL_ADMIN_CSP_UPDATE on the admin's pages.

    The admin and the packages it uses write style attributes and one inline
    stylesheet; public pages get the policy as configured, nothing more.
    """

    # Response attributes through which a view asks for another policy.
    PER_RESPONSE = tuple(
        f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
    )

    def process_response(self, request, response):
        # The common case, every public page: no nonce, no per-view policy,
        # no report-only policy. Its header is always the same string, so it
        # is built once per settings object rather than on every request.
        if self.is_plain(request, response):
            if HEADER not in response and not getattr(response, "_csp_exempt", False):
                response[HEADER] = self.plain_policy()
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        return super().process_response(request, response)

    def is_plain(self, request, response):
        policy = settings.CONTENT_SECURITY_POLICY
        match = getattr(request, "resolver_match", None)
        return not (
            getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in self.PER_RESPONSE)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or not policy
            or policy.get("EXCLUDE_URL_PREFIXES")
            or (settings.DEBUG and response.status_code in (404, 500))
            or (match is not None and "admin" in match.namespaces)
        )

    _plain = (None, "")

    def plain_policy(self):
        source, header = self._plain
        if source is not settings.CONTENT_SECURITY_POLICY:
            source = settings.CONTENT_SECURITY_POLICY
            header = build_policy()
            ContentSecurityPolicyMiddleware._plain = (source, header)
        return header

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = getattr(request, "resolver_match", None)
        # The translation desk (news/translation_desk.py) is an admin page too.
        if (
            not report_only
            and match is not None
            and {"admin", "translations"} & set(match.namespaces)
        ):
            parts.update = {**settings.PORTAL_ADMIN_CSP_UPDATE, **(parts.update or {})}
        return parts
