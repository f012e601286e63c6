"""
The page cache: public pages, as anonymous visitors get them, kept whole in
Django's cache (Redis with REDIS_URL, so shared by every app server).

Two subclasses of Django's cache middleware. The key is the full address
with its query string, the language, and the request headers the response
varies on (`PageAddress`); what Django's middleware lacks is added here:

- every entry is stored with the content generation (sitekit/pagecache.py)
  it was rendered under, renewed on every change to public content
  (news/invalidation.py), and served only while that generation is current,
  so a change is seen on the next request on every server;
- no entry outlives the next scheduled article's publication time, nor the
  next article's end of publication (`unpublish_at`), nor local
  midnight (an agreement's status follows the date), so scheduled publishing
  still needs no job;
- only what cannot depend on the visitor is stored or served: a request with
  a session or messages cookie, the admin, previews and the rating widget's
  thank-you state are passed by, and responses that set a cookie, vary on
  one or are private are never stored;
- `Cache-Control` tells shared caches in front (a proxy or CDN, which cannot be
  purged when content changes) to keep a page only briefly:
  `public, max-age=0, s-maxage=<DJANGO_SHARED_CACHE_SECONDS at most>`; visitor-dependent pages get
  `private, no-store`.

See "Page cache" in docs/performance.md.
"""

import datetime
import hashlib
import re

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag

from news.models import Article
from sitekit import pagecache
from sitekit.metrics import record_page_cache

NEVER_CACHED_PATHS = re.compile(r"^/[^/]+/(admin|preview)/")
VISITOR_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
VARY_SEPARATOR = re.compile(r"\s*,\s*")


def depends_on_visitor(request):
    """True when the page may differ for this visitor: never stored nor served from the cache."""
    return (
        any(name in request.COOKIES for name in VISITOR_COOKIES)
        or NEVER_CACHED_PATHS.match(request.path_info) is not None
        or request.GET.get("feedback") == "thanks"
    )


def is_page(request):
    """False for static files and media, which never go through the page cache."""
    return not request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))


# The settings behind the headers a stored page carries (the page middleware
# sits outside the security middleware): part of every key, so a deployment
# that changes a policy never serves pages with the old headers.
HEADER_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
)
_headers_fingerprint = None


def headers_fingerprint():
    global _headers_fingerprint
    if _headers_fingerprint is None:
        values = repr([getattr(settings, name, None) for name in HEADER_SETTINGS])
        _headers_fingerprint = hashlib.md5(values.encode(), usedforsecurity=False).hexdigest()[:8]
    return _headers_fingerprint


@receiver(setting_changed)
def _forget_fingerprint(*, setting, **kwargs):
    global _headers_fingerprint
    if setting in HEADER_SETTINGS:
        _headers_fingerprint = None


def request_language(request):
    """The language LocaleMiddleware will choose for this request, decided the same way."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    if (
        i18n_patterns_used
        and not prefixed_default_language
        and not translation.get_language_from_path(request.path_info)
    ):
        language = settings.LANGUAGE_CODE
    return language


# Which request headers each address's page varies on, as last learnt by this
# process: it only changes with the code, so a hit needs no round trip for it.
# Were it ever out of date, the key looked up would differ from the key stored
# and the look-up would miss, never serve another page.
_known_vary = {}
KNOWN_VARY_LIMIT = 10_000


class PageAddress:
    """
    Where one request's page is kept: the full address (scheme, host, path,
    query string) and the language, hashed once per request.

    Keys hold no generation: each entry is stored as (generation, response)
    and served only while its generation is the current one, so the
    generation and the page are read together in one round trip
    (`pagecache.read`), and a newer rendering simply replaces the old one.
    """

    def __init__(self, request, language):
        address = request.build_absolute_uri().encode("ascii")
        self.request = request
        digest = hashlib.md5(address, usedforsecurity=False).hexdigest()
        self.base = f"{headers_fingerprint()}.{language}.{digest}"

    @property
    def vary_key(self):
        return f"page.vary.{self.base}"

    def entry_key(self, method, vary):
        """The key of the page answered to `method`, for this visitor's values of `vary`."""
        values = hashlib.md5(usedforsecurity=False)
        for header in vary:
            value = self.request.META.get(header)
            # An absent header and an empty one are different requests.
            values.update(b"-," if value is None else f"{len(value)}:{value},".encode())
        return f"page.{method}.{self.base}.{values.hexdigest()}"

    def vary(self, cache):
        """The request headers this page varies on, or None while unknown."""
        vary = _known_vary.get(self.base)
        if vary is None:
            vary = cache.get(self.vary_key)
            if vary is not None:
                remember_vary(self.base, vary)
        return vary


def remember_vary(base, vary):
    if len(_known_vary) >= KNOWN_VARY_LIMIT:
        _known_vary.clear()
    _known_vary[base] = vary


def vary_of(response):
    """The request headers a response varies on, as META names; the language is in the key."""
    if not response.has_header("Vary"):
        return ()
    names = {
        "HTTP_" + header.upper().replace("-", "_")
        for header in VARY_SEPARATOR.split(response["Vary"].strip())
        if header
    }
    names.discard("HTTP_ACCEPT_LANGUAGE")
    return tuple(sorted(names))


class FetchPageCacheMiddleware(FetchFromCacheMiddleware):
    """
    Answers from the cache when the page is there, placed right after
    UpdatePageCacheMiddleware, near the top: a hit skips every middleware
    below, whose headers (security policies, sessions, language) the stored
    page already carries, and answers conditional requests itself (304).

    The key's language comes from the same decision LocaleMiddleware (further
    in) makes: the key looked up is the key stored. Were they ever to differ,
    the lookup would miss, never serve another page. A hit costs one round
    trip to the cache: the generation and the page together.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.conditional = ConditionalGetMiddleware(get_response)

    def process_request(self, request):
        request._cache_update_cache = False
        if not is_page(request):
            request._page_cache_passed = False
            return None
        passed = request._page_cache_passed = depends_on_visitor(request)
        if passed or not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        language = request.LANGUAGE_CODE = request_language(request)
        address = request._page_address = PageAddress(request, language)
        vary = address.vary(self.cache)
        methods = ("GET", "HEAD") if request.method == "HEAD" else ("GET",)
        keys = [address.entry_key(method, vary) for method in methods] if vary is not None else []
        current, entries = pagecache.read(keys)
        request._page_cache_generation = current
        response = None
        for key in keys:
            entry = entries.get(key)
            if isinstance(entry, tuple) and entry[0] == current:
                response = entry[1]
                break
        # Without a generation (the cache server is down) nothing is stored.
        request._cache_update_cache = response is None and current is not None
        record_page_cache(hit=response is not None)
        if response is not None:
            # If-None-Match / If-Modified-Since against the stored ETag: a 304.
            response = self.conditional.process_response(request, response)
        return response


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """
    Stores what may be stored, labels what may not: placed outside every
    middleware that adds headers, so a stored page is the page as sent.
    """

    def process_response(self, request, response):
        passed = getattr(request, "_page_cache_passed", None)
        if passed is None:
            passed = is_page(request) and depends_on_visitor(request)
        if passed:
            if request.method in ("GET", "HEAD"):
                add_never_cache_headers(response)
            return response
        if not self._should_update_cache(request, response) or not self.storable(response):
            return response
        current = request._page_cache_generation
        timeout = min(settings.PAGE_CACHE_SECONDS, seconds_until_next_change(self.cache, current))
        if timeout <= 0:
            return response
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=min(settings.SHARED_CACHE_SECONDS, timeout)
        )
        # Hashed once here rather than by ConditionalGetMiddleware on every hit.
        if not response.has_header("ETag"):
            set_response_etag(response)
        address = request._page_address
        vary = vary_of(response)
        remember_vary(address.base, vary)
        self.cache.set_many(
            {
                address.vary_key: vary,
                address.entry_key(request.method, vary): (current, response),
            },
            timeout,
        )
        return response

    @staticmethod
    def storable(response):
        if response.streaming or response.status_code != 200 or response.cookies:
            return False
        vary = response.get("Vary", "").lower()
        if "cookie" in vary or "*" in vary:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def seconds_until_next_change(cache, current):
    """Seconds until the next scheduled article appears, one is withdrawn, or the date changes."""
    now = timezone.now()
    next_key = f"pagecache:{current}:next-publication"
    upcoming = cache.get(next_key)
    if upcoming is None or (upcoming and upcoming <= now.timestamp()):
        publication = Article.objects.next_change()
        # 0 records "nothing scheduled"; a new schedule is a save, hence a new generation.
        upcoming = publication.timestamp() if publication else 0
        cache.set(next_key, upcoming, settings.PAGE_CACHE_SECONDS)
    local = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time(), local.tzinfo
    )
    limits = [(midnight - local).total_seconds()]
    if upcoming:
        limits.append(upcoming - now.timestamp())
    # Whole seconds, rounded down: an entry may expire early, never late.
    return int(min(limits))
