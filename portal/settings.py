"""
Settings for the portal, in one file, read from the environment.

Every variable has a development default so that `make run` works on a laptop;
with DJANGO_DEBUG off the site refuses to start without a secret key and a list
of allowed hosts. `.env.example` lists every variable.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Django core ---------------------------------------------------------------

# Off unless asked for: a process that forgets the variable runs as production
# (and then refuses to start without a secret key and allowed hosts).
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

if DEBUG:
    # A development key, never used with DEBUG off (see the check below).
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off, so these must be set in the environment: "
            + ", ".join(missing)
            + ". See .env.example."
        )

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_prose_editor",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "portal",
    "sitekit",
    "organization",
    "news",
    "feedback",
    # Demonstration content and accounts for `make run`; nothing imports it.
    "demo",
]

MIDDLEWARE = [
    # Operations (docs/deployment.md): first, so every request, even a refused
    # one, gets an id, an access-log line and its metrics.
    "portal.middleware.RequestLogMiddleware",
    # The page cache (portal/cache.py): pages are stored on their way out,
    # after every middleware below has added its headers, and a stored page
    # is answered right away (with its 304), before the rest run: it already
    # carries their headers. Only the log line and X-Request-ID are per request.
    "portal.cache.UpdatePageCacheMiddleware",
    "portal.cache.FetchPageCacheMiddleware",
    # Operations: the localized 503 page while the database is unreachable.
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Before the rest, so that malformed paths never reach static files, media or views.
    "portal.middleware.RejectMalformedPathMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for pages rendered here (the page cache answers its own).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The organization's name, logo and contacts (organization/identity.py).
                "organization.identity.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        # Persistent connections (checked before reuse): opening one per
        # request halves the speed of every page on PostgreSQL.
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: the three languages are explicit and ordered as the
# language switcher shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Africa/Casablanca")

# Cache: Redis when REDIS_URL is set (shared by every app server, so rate
# limits hold across processes and machines), else memory of this process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The page cache (portal/cache.py): anonymous pages kept this many seconds at
# most, emptied by every content change; 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
# How long a shared cache in front (the proxy's, a CDN) may keep a public page:
# it hears of no change, so this is how stale a page may be there.
SHARED_CACHE_SECONDS = int(os.environ.get("DJANGO_SHARED_CACHE_SECONDS", "60"))

# Bound what a request may carry; bigger bodies get a 400, not a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# E-mail (agreement reminders, the feedback digest): an SMTP server
# (docs/deployment.md); in development, the console.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security --------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from this site only, no
# inline script or style. Public pages carry no nonce (a nonce would make
# every response unique, and they are cached whole); admin pages that render
# an import map (the prose editor) ask for one and get it in their header.
# docs/decisions.md says why each source is there.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# What admin pages need on top (portal.middleware.ContentSecurityPolicyMiddleware):
# style attributes, written by Django's admin, django-reversion-compare, the
# prose editor and the report's bars (an attribute cannot carry a nonce), and
# the one <style> element Tiptap (inside the prose editor) adds, by its hash.
# An upgrade that changes that stylesheet fails tests/browser/test_policies.py.
PORTAL_ADMIN_CSP_UPDATE = {
    "style-src-attr": [UNSAFE_INLINE],
    "style-src-elem": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
}

# Permissions-Policy (django-permissions-policy): the site uses none of these
# browser features, so no page (nor anything it embeds) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff sessions end: after 8 hours, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Cookies only over HTTPS; `make run` turns this off to serve plain HTTP locally.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)

# Static files and media -----------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")

# Uploads and their renditions go through Django's storage API only: on this
# disk under MEDIA_ROOT, or in an S3-compatible bucket (docs/deployment.md).
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME"),
            # Empty means Amazon S3 itself, and boto3's own credentials chain.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # Pages link to https://<domain>/<name>; else to the bucket's own address.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public pictures: plain, lasting addresses rather than signed expiring ones.
            "querystring_auth": False,
            # Two uploads of the same name get two names, as on disk.
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be filesystem or s3.")

STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development WhiteNoise serves straight from the source folders, so
# `runserver --nostatic` behind our middleware needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded files are served by Django only in development; in production the
# web server in front serves MEDIA_ROOT (docs/deployment.md).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

# Third party -----------------------------------------------------------------

# Each language falls back to the others in a fixed order; the page says so
# wherever it shows text in another language (news/templatetags/localized.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "fr", "ar"),
    "ar": ("en", "fr"),
    "en": ("fr", "ar"),
    "fr": ("en", "ar"),
}

# django-axes: lock a username from one address after 5 failures, for an
# hour; never a whole office behind one proxy (lock on both together).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sitekit.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Project ----------------------------------------------------------------------


# Our reverse proxies, as addresses or networks. X-Forwarded-For is read only
# on requests that come from one of them (sitekit/clients.py); empty: the
# client is the socket's address, whatever the headers say.
def env_networks(name):
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}.") from error


PORTAL_TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES")

# Satisfaction ratings (feedback app).
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "20"))
FEEDBACK_RATE_WINDOW_SECONDS = int(os.environ.get("FEEDBACK_RATE_WINDOW_SECONDS", "3600"))
FEEDBACK_COMMENT_RETENTION_DAYS = int(os.environ.get("FEEDBACK_COMMENT_RETENTION_DAYS", "365"))
# Titles and admin links of the pages in the report (feedback/pages.py).
FEEDBACK_PAGE_DESCRIBER = "news.pages.describe_paths"


def env_recipients(name):
    """ "fr:ana@example.org, en:bo@example.org" as [(address, language)]; en when none is given."""
    codes = [code for code, _name in LANGUAGES]
    recipients = []
    for entry in filter(None, (part.strip() for part in os.environ.get(name, "").split(","))):
        language, _colon, address = entry.rpartition(":")
        language = language or "en"
        if language not in codes or "@" not in address:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not LANGUAGE:ADDRESS with LANGUAGE one of {codes}."
            )
        recipients.append((address, language))
    return recipients


# Who receives the weekly digest (`manage.py send_feedback_digest`), each in their language.
FEEDBACK_DIGEST_RECIPIENTS = env_recipients("FEEDBACK_DIGEST_RECIPIENTS")
# The site's address as staff reach it, for the links in the digest.
FEEDBACK_DIGEST_SITE_URL = os.environ.get("FEEDBACK_DIGEST_SITE_URL", "http://127.0.0.1:8000")

# The agreements' lifecycle (README "Reminders"): the admin's "ending soon"
# list covers this many days unless another window is chosen on the page.
NEWS_AGREEMENT_EXPIRING_DAYS = int(os.environ.get("NEWS_AGREEMENT_EXPIRING_DAYS", "90"))


def env_reminder_days(name, default):
    try:
        days = {int(item) for item in env_list(name, default)}
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be whole numbers of days, e.g. 30,7.") from error
    if any(day < 0 for day in days):
        raise ImproperlyConfigured(f"{name} must be whole numbers of days, e.g. 30,7.")
    # And always on the day itself.
    return sorted(days | {0}, reverse=True)


def env_recipients(name):
    """`ar:alice@example.org,fr:bob@example.org` as [(language, address)]; English by default."""
    codes = {code for code, _name in LANGUAGES}
    recipients = []
    for item in env_list(name):
        code, _sep, address = item.rpartition(":")
        code = code or "en"
        if code not in codes or "@" not in address:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not language:address (languages: {', '.join(sorted(codes))})."
            )
        recipients.append((code, address))
    return recipients


# Reminder e-mails (manage.py send_agreement_reminders, run daily): this many
# days before an agreement ends, and on the day, to these addresses, each in
# its own language.
NEWS_AGREEMENT_REMINDER_DAYS = env_reminder_days("NEWS_AGREEMENT_REMINDER_DAYS", "30,7")
NEWS_AGREEMENT_REMINDER_RECIPIENTS = env_recipients("NEWS_AGREEMENT_REMINDER_RECIPIENTS")
# The site's address as e-mails link to it (no request to take it from).
PORTAL_SITE_URL = os.environ.get("PORTAL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Longest request path we accept; longer ones are a 404 before any lookup.
PORTAL_MAX_PATH_LENGTH = 1024
NEWS_PAGE_SIZE = 12

# Operations -----------------------------------------------------------------
# Health, logs, metrics and outages (README "Operations", docs/deployment.md).

# Logs go to the console, where the process manager collects them: one JSON
# object per line in production, readable lines in development. Each request
# adds one line to `portal.requests` (RequestLogMiddleware).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.logs.JsonFormatter"},
        "text": {"()": "portal.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "portal.requests": {
            "handlers": ["console"],
            "level": "INFO" if env_bool("DJANGO_ACCESS_LOG", True) else "WARNING",
            "propagate": False,
        }
    },
}

# Redis down must not take pages down: every Redis cache answers misses while
# its server is unreachable (sitekit/cache.py), and gives up on a connection
# after half a second instead of hanging a worker.
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "sitekit.cache.TolerantRedisCache"
        _cache.setdefault("OPTIONS", {}).update(socket_connect_timeout=0.5, socket_timeout=0.5)

# PostgreSQL down: a new connection gives up after 5 seconds (then visitors get
# the 503 page) instead of hanging the worker for minutes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# /metrics answers only these networks (REMOTE_ADDR, never X-Forwarded-For);
# the proxy must refuse /metrics from outside (docs/deployment.md).
PORTAL_METRICS_ALLOWED = [
    ipaddress.ip_network(network, strict=False)
    for network in env_list("DJANGO_METRICS_ALLOWED", "127.0.0.1/32,::1/128")
]
