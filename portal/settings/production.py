"""Production: PostgreSQL, S3-compatible storage, Redis, SMTP, behind a proxy.

Every value without a safe default must come from the environment; a missing
one stops the process at start-up.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MEMBER_FILES_URL_EXPIRE, MIDDLEWARE, env
from .object_storage import private_bucket

DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 characters or more.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
        }
    }

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
