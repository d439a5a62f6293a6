"""Settings for pytest: the same on a laptop and in CI."""

from .base import *  # noqa: F403
from .base import env, without_jit

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="")
# Files in memory, unless a test server in another process must share them on disk.
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
        if env.str("MEDIA_ROOT", default="")
        else "django.core.files.storage.InMemoryStorage"
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://testserver")
# Tests that need PostgreSQL set DATABASE_URL; the default is SQLite in memory.
DATABASES = {"default": without_jit(env.db("DATABASE_URL", default="sqlite://:memory:"))}
# A test database kept on disk between runs, with pytest --reuse-db (scripts/mutation_check.py).
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
