"""Faults: Redis away, the bucket away.

With Redis away the public site is still served and logins are still limited;
with the bucket away an upload is refused with a clear message and nothing is kept.

Production's two caches (portal/settings/production.py) point here at a port
where nothing listens: the page cache (core.cache_backends) renders without
Redis, and core.throttle counts in the process. The longer runs (gunicorn,
Redis stopped under load) are ``make faults`` (scripts/faults.py).
"""

import logging
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache_backends, throttle
from portal.settings.object_storage import private_bucket
from resources.models import HeldUpload, Resource, ResourceFile
from tests.auth import PASSWORD
from tests.members.test_throttle import accounts, attempt  # noqa: F401 - fixture
from tests.resources.factories import pdf_bytes
from tests.resources.test_proposals import form_data as proposal_form

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1
OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.RedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": OPTIONS,
        },
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": OPTIONS,
        },
    }
    settings.THROTTLE_CACHE = "throttle"
    throttle.local.clear()
    throttle._last_logged = None
    yield
    throttle.local.clear()


def test_public_pages_are_served_while_redis_is_down(redis_down, client, pages, caplog):
    caplog.set_level(logging.ERROR, logger="portal.cache")
    for url in ("/en/", "/ja/", "/en/topics/dv/", "/en/news/", "/en/search/?q=DV", "/sitemap.xml"):
        for _ in range(2):  # the second is answered without asking Redis again
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Page-Cache" not in response
    assert pages["en"]["dv"].title in client.get("/en/topics/dv/").content.decode()
    failures = [r for r in caplog.records if "Redis does not answer" in r.getMessage()]
    assert len(failures) == 1  # once per outage, not once per request


def test_logins_are_still_limited_while_redis_is_down(redis_down, accounts, settings, caplog):  # noqa: F811
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 3
    caplog.set_level(logging.ERROR, logger="portal.throttle")
    user = accounts[0]
    for _ in range(3):
        throttled, response = attempt(user.username, "wrong")
        assert not throttled and response.status_code == 200
    throttled, response = attempt(user.username, PASSWORD)
    assert throttled and response.status_code == 200  # even the right password waits
    throttled, response = attempt(accounts[1].username, PASSWORD)
    assert not throttled and response.status_code == 302  # others log in
    fallback = [r for r in caplog.records if "counted in this process only" in r.getMessage()]
    assert len(fallback) == 1  # once a minute, not once per attempt
    assert not any(user.username in r.getMessage() for r in caplog.records)


def test_counts_made_during_an_outage_still_count_when_redis_is_back(settings, accounts):  # noqa: F811
    """The shared count and this process's count add up: nothing is forgiven by a flap."""
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 3
    throttle.local.clear()
    checks = (("account", "someone", 3),)
    throttle.spend(*checks)  # shared cache (here the test's local memory)
    key = throttle._key("account", "someone")
    throttle.local.set(key, 2)  # counted while the shared cache was away
    try:
        assert throttle.counted("account", "someone") == 3
        assert throttle.over_limit(*checks)
    finally:
        throttle.local.clear()


@pytest.fixture
def real_redis():
    """Redis database 11 of the local server, under this test's own prefix."""
    import redis

    backend = cache_backends.RedisCache(
        "redis://127.0.0.1:6379/11", {"KEY_PREFIX": "faults-test", "OPTIONS": OPTIONS}
    )
    raw = redis.Redis.from_url("redis://127.0.0.1:6379/11")
    raw.flushdb()
    yield backend, raw
    raw.flushdb()


def test_when_redis_answers_again_the_pages_kept_before_are_dropped(
    real_redis, monkeypatch, caplog
):
    """A page published or made members-only during the outage could not clear the cache;
    so nothing cached before it is served after it."""
    backend, raw = real_redis
    backend.set("pages.1.front", "page as it was", 600)
    raw.set("someone-else:key", "kept")
    client = backend._cache.get_client()
    real_get = type(client).get

    def refused(self, *args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(type(client), "get", refused)
    assert backend.get("pages.1.front") is None  # a miss, not an error
    monkeypatch.setattr(type(client), "get", real_get)
    assert backend.get("pages.1.front") is None  # still paused: Redis is not asked
    now = time.monotonic()
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: now + cache_backends.PAUSE + 1)
    caplog.set_level(logging.WARNING, logger="portal.cache")
    assert backend.get("pages.1.front") is None  # emptied, then asked
    assert raw.get("someone-else:key") == b"kept"  # only this cache's keys
    backend.set("pages.2.front", "fresh", 600)
    assert backend.get("pages.2.front") == "fresh"
    assert any("answers again" in r.getMessage() for r in caplog.records)


@pytest.fixture
def bucket_away(settings):
    """Production's bucket options, at an endpoint where nothing listens."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": private_bucket(
            bucket_name="portal-files",
            endpoint_url="http://127.0.0.1:1",
            region_name="ap-northeast-1",
            access_key="key",
            secret_key="secret",
            expire=300,
        ),
    }
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "core.files.StorageUnavailableMiddleware"]


def test_an_upload_while_the_bucket_is_away_is_refused_clearly_and_keeps_nothing(
    bucket_away, member_client, caplog
):
    member_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    caplog.set_level(logging.ERROR)
    before = Resource.objects.count(), ResourceFile.objects.count()
    data = proposal_form(ja=SimpleUploadedFile("a.pdf", pdf_bytes("ja"), "application/pdf"))
    data["title"] = "書きかけの提案"
    response = member_client.post("/members/library/propose/", data)
    assert response.status_code == 503
    html = response.content.decode()
    # The form comes back, with what she typed, and says what happened.
    assert "did not answer, so nothing was saved" in html
    assert 'value="書きかけの提案"' in html
    assert "no-store" in response["Cache-Control"]
    assert (Resource.objects.count(), ResourceFile.objects.count()) == before
    assert not HeldUpload.objects.exists()  # the bucket could not hold it either
    assert any("storage failed" in r.getMessage() for r in caplog.records)
