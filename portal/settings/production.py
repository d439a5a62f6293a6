"""Production: PostgreSQL, S3-compatible storage, Redis, SMTP, behind a proxy.

Every value without a safe default must come from the environment; a missing
one stops the process at start-up.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MEMBER_FILES_URL_EXPIRE, MIDDLEWARE, env, without_jit
from .object_storage import private_bucket

POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 characters or more.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# PostgreSQL, never the embedded SQLite file: a missing or mistyped DATABASE_URL
# must stop the process, not start a site on an empty database. The messages
# name the variable but never repeat its value (it holds a password).
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set to a PostgreSQL database, e.g. postgres://user:pass@host:5432/portal."
    )
DATABASES = {"default": without_jit(env.db("DATABASE_URL"))}
if DATABASES["default"]["ENGINE"] not in POSTGRESQL_ENGINES:
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL database (postgres://…); production does not run on "
        f"{DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# One cache shared by every process: login-failure counters, sign-up limits and
# the page cache (and its clearing on publish) must not differ between workers.
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL.startswith(REDIS_SCHEMES):
    raise ImproperlyConfigured(
        "REDIS_URL must be set to the shared Redis cache, e.g. redis://127.0.0.1:6379/0 "
        "(redis://, rediss:// or unix://)."
    )
# A Redis that hangs costs a request one short timeout, never a worker.
REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="portal")
CACHES = {
    # Pages, synonyms …: when Redis is down the site renders without them (core.cache_backends).
    "default": {
        "BACKEND": "core.cache_backends.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": REDIS_OPTIONS,
    },
    # Login and sign-up counters: Django's backend, which fails loudly, so that core.throttle
    # notices an outage and counts in the process instead of letting every attempt through.
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-throttle",
        "OPTIONS": REDIS_OPTIONS,
    },
}
THROTTLE_CACHE = "throttle"

# The proxy terminates TLS and says so in X-Forwarded-Proto, and appends the
# reader's address to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Static files straight from the app processes, with hashed names and compression.
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
# The bucket away: a 503 saying so, instead of the generic error page (core.files).
MIDDLEWARE.append("core.files.StorageUnavailableMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = private_bucket(
        bucket_name=env.str("AWS_STORAGE_BUCKET_NAME"),
        endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=None),
        region_name=env.str("AWS_S3_REGION_NAME", default=None),
        access_key=env.str("AWS_ACCESS_KEY_ID", default=None),
        secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=None),
        expire=MEMBER_FILES_URL_EXPIRE,
    )
    # After the access check, a member is sent to a signed URL valid for 5 minutes.
    MEMBER_FILES_SIGNED_URLS = True
    WAGTAILDOCS_SERVE_METHOD = "redirect"

WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL")

# Mail leaves through the periodic send_queued_emails job (deploy/), never inside a request.
MAIL_SEND_AFTER_COMMIT = env.bool("MAIL_SEND_AFTER_COMMIT", default=False)

# Error reports, only when an operator asks for them: no request body, cookie,
# query string, reader's address or email address is sent (portal.sentry).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from portal import sentry

    sentry.init(SENTRY_DSN)
