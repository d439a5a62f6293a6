from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.auth import log_in


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache(client, db):
    first, _ = get(client, "/en/faq/")
    second, queries = get(client, "/en/faq/")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert queries <= 1


def test_publishing_clears_the_cache(client, pages, django_capture_on_commit_callbacks):
    client.get("/en/faq/")
    faq = pages["en"]["faq"]
    faq.title = "Questions people often ask"
    with django_capture_on_commit_callbacks(execute=True):
        faq.save_revision().publish()
    response = client.get("/en/faq/")
    assert "X-Page-Cache" not in response
    assert "Questions people often ask" in response.content.decode()


def test_logged_in_editors_are_never_served_cached_pages(client, staff, db):
    client.get("/en/faq/")
    log_in(client, staff)
    response = client.get("/en/faq/")
    assert "X-Page-Cache" not in response


def test_what_a_logged_in_person_is_shown_is_kept_by_no_cache(client, member, db):
    from django.utils.cache import get_max_age

    anonymous = client.get("/en/faq/")
    assert "private" not in anonymous.get("Cache-Control", "")
    cache.clear()
    log_in(client, member)
    for url in ("/en/faq/", "/ja/", "/en/search/?q=help", "/members/", "/members/events/"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
        assert "public" not in directives and not get_max_age(response), url
        assert "Cookie" in response["Vary"], url
    client.get("/en/faq/")  # not stored for anonymous readers either
    assert "X-Page-Cache" not in Client().get("/en/faq/")


def test_search_results_are_never_cached(client, db):
    client.get("/en/search/", {"q": "violence"})
    response = client.get("/en/search/", {"q": "violence"})
    assert "X-Page-Cache" not in response


def test_every_process_sees_the_invalidation_through_redis(
    client, pages, settings, django_capture_on_commit_callbacks
):
    """Production shares the cache in Redis; publishing in one process clears pages for all."""
    import uuid

    from core import cache as page_cache
    from core.cache_backends import RedisCache  # production's

    location = "redis://127.0.0.1:6379/15"
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    other_process = RedisCache(location, {"KEY_PREFIX": prefix})
    try:
        client.get("/en/faq/")
        assert client.get("/en/faq/")["X-Page-Cache"] == "hit"
        seen_before = other_process.get(page_cache.GENERATION_KEY)
        faq = pages["en"]["faq"]
        with django_capture_on_commit_callbacks(execute=True):
            faq.save_revision().publish()
        assert other_process.get(page_cache.GENERATION_KEY) > seen_before
        assert "X-Page-Cache" not in client.get("/en/faq/")
    finally:  # its own keys: other tests and the benchmark share database 15
        other_process._clear_own_keys()


def test_the_page_cache_keeps_one_redis_client_and_answers_from_many_threads():
    """Django's client made a new redis.Redis for every command (half of a cached page's
    CPU time); ours keeps one a connection pool, shared by the threads of a process."""
    import threading
    import uuid

    from core.cache_backends import RedisCache

    cache_ = RedisCache("redis://127.0.0.1:6379/10", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    client = cache_._cache.get_client(write=True)
    assert cache_._cache.get_client(write=False) is client
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache_.set(f"k{n}-{i}", i)
                assert cache_.get(f"k{n}-{i}") == i
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert cache_._cache.get_client() is client
    finally:
        cache_._clear_own_keys()  # not clear(), which empties the whole database
