"""
The page cache: public pages, as anonymous visitors get them, kept whole in
Django's cache (Redis with REDIS_URL, so shared by every app server).

Django's cache middleware does the storing and the key (full address with its
query string, the language, the request headers the response varies on);
these two subclasses add what it lacks:

- the key prefix holds the content generation (sitekit/pagecache.py), renewed
  on every change to public content (news/invalidation.py), so a change is
  seen on the next request on every server;
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
import re

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_cache_key,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)

from news.models import Article
from sitekit.metrics import record_page_cache
from sitekit.pagecache import generation

NEVER_CACHED_PATHS = re.compile(r"^/[^/]+/(admin|preview)/")
VISITOR_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def depends_on_visitor(request):
    """True when the page may differ for this visitor: never stored nor served from the cache."""
    return (
        any(name in request.COOKIES for name in VISITOR_COOKIES)
        or NEVER_CACHED_PATHS.match(request.path_info) is not None
        or request.GET.get("feedback") == "thanks"
    )


def key_prefix(current):
    return f"page.{current}"


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


class FetchPageCacheMiddleware(FetchFromCacheMiddleware):
    """
    Answers from the cache when the page is there, placed right after
    UpdatePageCacheMiddleware: a hit skips sessions, locale, CSRF, auth and
    the rest, whose headers the stored page already carries.

    The key's language suffix comes from `request.LANGUAGE_CODE`, which
    LocaleMiddleware (further in) sets before the page is stored: here it is
    decided the same way first, so the key looked up is the key stored. Were
    they ever to differ, the lookup would miss, never serve another page.
    """

    def process_request(self, request):
        if not settings.PAGE_CACHE_SECONDS or depends_on_visitor(request):
            request._cache_update_cache = False
            return None
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        request.LANGUAGE_CODE = request_language(request)
        request._page_cache_generation = current = generation()
        prefix = key_prefix(current)
        response = None
        for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
            cache_key = get_cache_key(request, prefix, method, cache=self.cache)
            if cache_key is not None:
                response = self.cache.get(cache_key)
            if response is not None:
                break
        request._cache_update_cache = response is None
        record_page_cache(hit=response is not None)
        return response


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """First of the page middleware: stores what may be stored, labels what may not."""

    def process_response(self, request, response):
        if depends_on_visitor(request):
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
        cache_key = learn_cache_key(request, response, timeout, key_prefix(current), self.cache)
        # Hashed once here rather than by ConditionalGetMiddleware on every hit.
        if not response.has_header("ETag"):
            set_response_etag(response)
        self.cache.set(cache_key, response, timeout)
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
