"""Settings shared by every environment.

Values that differ between deployments come from the environment, read once
here through django-environ. See the README for every variable.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal import lang_info

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

INSTALLED_APPS = [
    "core",
    "home",
    "helpfinder",
    "members",
    "events",
    "mail",
    "resources",
    "search",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.cache.UpdateCacheMiddleware",
    "core.sessions.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "portal.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.cache.FetchFromCacheMiddleware",
    "core.middleware.SiteMiddleware",
    # Inside the page cache's fetch, so that the cache keeps converted pages.
    "core.furigana_middleware.FuriganaMiddleware",
    "helpfinder.csrf.PageCsrfExemptMiddleware",
    "core.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.cache.PrivateResponsesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who is asking (sessions past their timeouts end here), then each view's mark.
    "members.middleware.ViewerMiddleware",
    "core.middleware.RefuseNullCharactersMiddleware",
    "core.middleware.AccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "core.redirects.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"


def without_jit(database):
    """PostgreSQL's JIT compiles a page's query with its joined page types for
    ~0.7 s to save microseconds; for a site's short queries it is off."""
    if database["ENGINE"].endswith(("postgresql", "postgis")):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


# The embedded default is a SQLite file next to the code; production sets DATABASE_URL.
DATABASES = {
    "default": without_jit(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://portal"),
}
# Anonymous page responses are cached this many seconds; publishing clears them.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The front cache (Varnish, deploy/varnish/): its control address, e.g.
# http://127.0.0.1:6091. Published pages are PURGEd and every change BANs all pages,
# after the commit (core.frontend). Unset: no front cache is told anything.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "core.frontend.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL}}
    if FRONTEND_CACHE_URL
    else {}
)

# Argon2 for new passwords; PBKDF2 (Django's former default) still verifies the
# hashes made before, and each is rehashed with Argon2 at its owner's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Japanese is the source locale; every locale has a
# Django catalogue in portal/locale/ and a page tree in Wagtail.
lang_info.install()

LANGUAGE_CODE = "ja"
LANGUAGES = [
    ("ja", "日本語"),
    ("ja-x-easy", "やさしい にほんご"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("pt-br", "Português"),
    ("tl", "Tagalog"),
    ("ne", "नेपाली"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The site's languages Wagtail's admin is translated into (in part: the rest is English,
# core/translation_fallback.py); Japanese is complete (portal/locale_admin/).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name) for code, name in LANGUAGES if code in ("ja", "en", "zh-hans", "ko", "vi", "pt-br")
]
WAGTAILADMIN_DEFAULT_LANGUAGE = "ja"
# The admin's Japanese, second so makemessages never writes it: scripts/admin_catalogue.py
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_admin"]
# Date formats for the languages Django has none for (easy Japanese).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# The language comes from the URL prefix, never from a cookie: anonymous
# readers must not be given cookies.
LANGUAGE_COOKIE_AGE = None

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
# Uploaded files are private: nothing serves this directory. Each file goes out
# through a view that checks who asks (core.files, Wagtail's document view,
# resources.views.images).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "private-files")
MEDIA_URL = "/media/"
MEMBER_FILE_MAX_SIZE = env.int("MEMBER_FILE_MAX_SIZE", default=200 * 1024 * 1024)
# With object storage, files are handed out as signed URLs valid this long (at most 5 minutes).
MEMBER_FILES_SIGNED_URLS = False
MEMBER_FILES_URL_EXPIRE = 300
# The cache that counts login and sign-up attempts (core.throttle); production: a Redis
# alias that fails loudly, so that an outage is noticed and counted in the process instead.
THROTTLE_CACHE = "default"
# Behind nginx with files on local disk: after the access check the app answers with
# X-Accel-Redirect to this internal location (e.g. /_private/, deploy/nginx/portal.conf),
# and nginx sends the file, Range requests included. Empty: the app streams the file.
PRIVATE_FILES_ACCEL_REDIRECT = env.str("PRIVATE_FILES_ACCEL_REDIRECT", default="")
if PRIVATE_FILES_ACCEL_REDIRECT:
    if not (
        PRIVATE_FILES_ACCEL_REDIRECT.startswith("/") and PRIVATE_FILES_ACCEL_REDIRECT.endswith("/")
    ):
        raise ValueError("PRIVATE_FILES_ACCEL_REDIRECT must start and end with /, e.g. /_private/.")
    SENDFILE_BACKEND = "core.files"  # Wagtail's document view hands over to nginx too

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Sessions exist only for people who log in; anonymous readers never get one,
# nor any other cookie: the CSRF secret lives in the session (core.csrf, core.sessions)
# and messages too.
SESSION_COOKIE_HTTPONLY = True
CSRF_USE_SESSIONS = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Django's check looks for its own CSRF middleware by name; core.csrf's subclass is
# checked by core.checks instead.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SAMESITE = "Lax"
# The session cookie is kept in memory only: closing the browser ends it, and
# nothing of the login stays on disk for someone else at the same phone.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No request may leave for another host: the policy allows only this origin
# (the admin's own policy, with inline scripts and styles, is in core.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "script-src": [SELF],
        "style-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Members and editors: password, then a TOTP code or a backup code.
LOGIN_URL = "members:login"
PLEDGE_URL = "members:pledge"
WAGTAIL_FRONTEND_LOGIN_URL = "/members/login/"
OTP_TOTP_ISSUER = "Support Network Portal"
# django-otp's own exponential delay could lock an owner out for days; our
# hourly counters (members.security) throttle instead.
OTP_TOTP_THROTTLE_FACTOR = 0
MEMBERS_MAX_FAILURES_PER_HOUR = env.int("MEMBERS_MAX_FAILURES_PER_HOUR", default=10)
MEMBERS_MAX_FAILURES_PER_ADDRESS = env.int("MEMBERS_MAX_FAILURES_PER_ADDRESS", default=50)
# Proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MEMBERS_IDLE_TIMEOUT = env.int("MEMBERS_IDLE_TIMEOUT", default=30 * 60)
MEMBERS_ABSOLUTE_TIMEOUT = env.int("MEMBERS_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = MEMBERS_ABSOLUTE_TIMEOUT

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Queued mail is sent right after the commit of what it is about (development,
# tests), or only by the periodic send_queued_emails job (production default),
# so that no request waits for the mail server.
MAIL_SEND_AFTER_COMMIT = env.bool("MAIL_SEND_AFTER_COMMIT", default=True)
# /healthz/ready fails when an unsent queued email is older than this many seconds.
MAIL_QUEUE_MAX_AGE = env.int("MAIL_QUEUE_MAX_AGE", default=15 * 60)

# How long what is recorded about people is kept (core.retention, manage.py apply_retention).
RETENTION_MAIL_DAYS = env.int("RETENTION_MAIL_DAYS", default=30)
RETENTION_DOWNLOAD_DAYS = env.int("RETENTION_DOWNLOAD_DAYS", default=730)
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=365)
RETENTION_SEARCH_DAYS = env.int("RETENTION_SEARCH_DAYS", default=365)
# Files a member chose for a proposal she never sent (resources.uploads), with their rows.
RETENTION_HELD_UPLOAD_DAYS = env.int("RETENTION_HELD_UPLOAD_DAYS", default=1)

# Wagtail
WAGTAIL_SITE_NAME = _("Support Network Portal")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_IMAGE_MODEL = "resources.PortalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_FINDERS = []  # embeds would load third-party content
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to another host
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor send hashes of staff addresses to gravatar.com
# Privacy is for members (core.access): a shared password would need a cookie for
# anonymous readers and a second login.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

WAGTAILLOCALIZE_ENABLE_MACHINE_TRANSLATION = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
