import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "ALLOWED_HOSTS": "portal.example.jp",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.jp",
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    # Nothing listens on port 1: the checks below must not need a database or Redis.
    "DATABASE_URL": "postgres://portal:database-password@127.0.0.1:1/portal",
    "REDIS_URL": "redis://127.0.0.1:1/0",
}
FROM_ENVIRONMENT = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")


def manage(*args, **env):
    """manage.py in a fresh process; a variable given as None is left unset."""
    environment = {k: v for k, v in os.environ.items() if k not in FROM_ENVIRONMENT}
    environment.update(PRODUCTION_ENV | env)
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def shell(code, **env):
    """``code`` run by ``manage.py shell`` in a fresh process; what it printed."""
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_database_url():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(60), DATABASE_URL=None)
    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: DATABASE_URL must be set to a PostgreSQL database" in result.stderr
    )


def test_production_refuses_a_database_other_than_postgresql():
    for url in ("sqlite:////tmp/portal.sqlite3", "mysql://portal:secret-word@db/portal"):
        result = manage("check", SECRET_KEY=secrets.token_urlsafe(60), DATABASE_URL=url)
        assert result.returncode != 0
        assert "DATABASE_URL must name a PostgreSQL database" in result.stderr
        assert "secret-word" not in result.stderr


def test_production_refuses_to_start_without_a_shared_redis_cache():
    for url in (None, "", "locmemcache://portal"):
        result = manage("check", SECRET_KEY=secrets.token_urlsafe(60), REDIS_URL=url)
        assert result.returncode != 0
        assert "ImproperlyConfigured: REDIS_URL must be set to the shared Redis cache" in (
            result.stderr
        )


def test_production_uses_postgresql_and_redis():
    output = shell(
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])",
        SECRET_KEY=secrets.token_urlsafe(60),
    )
    assert output.split() == [
        "django.db.backends.postgresql",
        "core.cache_backends.RedisCache",
    ]


PRINT_SETTINGS_MODULE = "from django.conf import settings; print(settings.SETTINGS_MODULE)"


def test_manage_py_runs_production_when_a_secret_key_is_set():
    output = shell(
        PRINT_SETTINGS_MODULE,
        SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_SETTINGS_MODULE=None,
    )
    assert output.strip() == "portal.settings.production"


def test_manage_py_never_falls_back_to_dev_with_a_bad_production_environment():
    result = manage("check", SECRET_KEY="short", DJANGO_SETTINGS_MODULE=None)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_runs_dev_without_a_secret_key():
    output = shell(PRINT_SETTINGS_MODULE, DJANGO_SETTINGS_MODULE=None)
    assert output.strip() == "portal.settings.dev"


def test_wsgi_defaults_to_production():
    environment = {k: v for k, v in os.environ.items() if k not in FROM_ENVIRONMENT}
    environment.update(PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(60))
    del environment["DJANGO_SETTINGS_MODULE"]
    result = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi; " + PRINT_SETTINGS_MODULE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "portal.settings.production"


def test_production_hashes_passwords_with_argon2_and_still_verifies_pbkdf2():
    output = shell(
        "from django.conf import settings; print(*settings.PASSWORD_HASHERS[:2])",
        SECRET_KEY=secrets.token_urlsafe(60),
    )
    assert output.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_postgresql_connections_run_without_jit():
    """JIT compiled a page's joined query for ~0.7 s on every request."""
    from portal.settings.base import without_jit

    postgres = without_jit({"ENGINE": "django.db.backends.postgresql", "OPTIONS": {}})
    assert postgres["OPTIONS"]["options"] == "-c jit=off"
    sqlite = without_jit({"ENGINE": "django.db.backends.sqlite3"})
    assert "OPTIONS" not in sqlite


@pytest.mark.django_db
def test_the_test_database_connection_has_jit_off_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        assert connection.settings_dict.get("OPTIONS", {}).get("options") is None
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
