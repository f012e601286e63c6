from urllib.parse import unquote_plus

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's policy, plus PORTAL_ADMIN_CSP_UPDATE on the admin's pages.

    The admin and the packages it uses write style attributes and one inline
    stylesheet; public pages get the policy as configured, nothing more.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = getattr(request, "resolver_match", None)
        if not report_only and match is not None and "admin" in match.namespaces:
            parts.update = {**settings.PORTAL_ADMIN_CSP_UPDATE, **(parts.update or {})}
        return parts
