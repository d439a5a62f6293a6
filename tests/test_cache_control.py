"""What the site tells shared caches (Cache-Control, Vary), and what it tells the
front cache after a change (core.cache, core.frontend); tests/test_front_cache.py
runs the same against a real Varnish."""

import http.server
import threading

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_max_age
from wagtail.models import PageViewRestriction

from core import cache as page_cache


def directives(response):
    found = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = value
    return found


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def test_an_anonymous_page_may_be_kept_by_shared_caches_and_briefly_by_browsers(
    client, settings, db
):
    settings.PAGE_CACHE_SECONDS = 600
    for url in ("/en/faq/", "/ja/", "/en/topics/dv/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == {
            "public": "",
            "max-age": str(page_cache.BROWSER_SECONDS),
            "s-maxage": "600",
        }, url
        # The language is in the address: the answer does not depend on the browser's.
        assert "accept-language" not in vary(response), url
        again = client.get(url)
        assert again["X-Page-Cache"] == "hit"
        assert again["Cache-Control"] == response["Cache-Control"]


def test_the_address_without_a_language_depends_on_the_browsers_language(client, db):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    korean = client.get("/", HTTP_ACCEPT_LANGUAGE="ko")
    assert (english.status_code, english["Location"]) == (302, "/en/")
    assert korean["Location"] == "/ko/"
    assert "accept-language" in vary(english)
    assert directives(english) == {"public": "", "max-age": "0", "s-maxage": "60"}


def test_a_missing_page_is_kept_briefly(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response) == {"public": "", "max-age": "0", "s-maxage": "60"}


@pytest.mark.parametrize("url", ["/en/search/?q=dv", "/en/faq/?q=dv", "/members/login/"])
def test_what_the_page_cache_would_not_keep_no_cache_keeps(client, db, url):
    response = client.get(url)
    assert {"private", "no-store"} <= set(directives(response)), url
    assert "public" not in directives(response) and not get_max_age(response)


def test_with_the_page_cache_off_nothing_is_shared(client, settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/en/faq/")
    assert {"private", "no-store"} <= set(directives(response))


def test_a_members_page_is_hers_alone(member_client):
    response = member_client.get("/en/faq/")
    assert {"private", "no-store"} <= set(directives(response))
    assert "public" not in directives(response)


def test_a_page_rendered_while_content_changed_is_not_shared(db):
    request = RequestFactory().get("/en/faq/")
    page_cache.FetchFromCacheMiddleware(lambda r: None).process_request(request)
    page_cache.invalidate()  # an editor's change committed while the page was rendered
    response = page_cache.UpdateCacheMiddleware(lambda r: None).process_response(
        request, HttpResponse("old")
    )
    assert {"private", "no-store"} <= set(directives(response))


def test_a_response_that_sets_a_cookie_is_not_shared(db):
    request = RequestFactory().get("/en/faq/")
    page_cache.FetchFromCacheMiddleware(lambda r: None).process_request(request)
    answer = HttpResponse("x")
    answer.set_cookie("chosen", "yes")
    response = page_cache.UpdateCacheMiddleware(lambda r: None).process_response(request, answer)
    assert "public" not in directives(response)


@pytest.fixture
def front_cache(settings):
    """A stand-in for Varnish's control socket that writes down what it is sent."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self):
            received.append((self.command, self.path, self.headers.get("Host")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PURGE = do_BAN = answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "core.frontend.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()


def test_publishing_bans_everything_once_after_the_commit(
    front_cache, pages, django_capture_on_commit_callbacks
):
    faq = pages["en"]["faq"]
    faq.title = "Questions"
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        faq.save_revision().publish()
        assert front_cache == []  # nothing before the commit
    assert len(callbacks) > 1  # the page, its revision, Wagtail's purge: each asked
    # The BAN covers the page's addresses in every language: no PURGE goes with it.
    assert [(method, path) for method, path, _host in front_cache] == [("BAN", "/")]


def test_a_purge_alone_goes_after_the_commit_in_every_language(
    front_cache, pages, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        purge_page_from_cache(pages["en"]["faq"])
        purge_page_from_cache(pages["en"]["news"])
        assert front_cache == []
    purged = [path for method, path, _host in front_cache if method == "PURGE"]
    assert {"/en/faq/", "/ja/faq/", "/ko/faq/", "/en/news/", "/ja/news/"} <= set(purged)
    assert len(purged) == len(set(purged))
    assert all(method == "PURGE" for method, _path, _host in front_cache)


def test_many_changes_in_one_transaction_send_one_ban(
    front_cache, pages, django_capture_on_commit_callbacks
):
    """Publishing, unpublishing, moving, deleting, a privacy change and the network
    settings, all in one transaction: one generation step and one BAN, after the commit."""
    from home.models.settings import NetworkSettings

    generation = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for slug in ("faq", "news"):
            page = pages["en"][slug]
            page.title = f"{slug} again"
            page.save_revision().publish()
        pages["en"]["dv"].unpublish()
        pages["ja"]["network"].get_children().first().move(
            pages["ja"]["consultation"], "last-child"
        )
        PageViewRestriction.objects.create(
            page=pages["ja"]["events"], restriction_type=PageViewRestriction.LOGIN
        )
        settings_object = NetworkSettings.load()
        settings_object.save()
        pages["en"]["network-launch"].delete()
        assert front_cache == []
    assert len(callbacks) > 5
    assert [(method, path) for method, path, _host in front_cache] == [("BAN", "/")]
    assert page_cache.generation() == generation + 1


def test_each_transaction_sends_its_own_ban(front_cache, pages, django_capture_on_commit_callbacks):
    for slug in ("faq", "news"):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            pages["en"][slug].save_revision().publish()
    assert [method for method, _path, _host in front_cache] == ["BAN", "BAN"]


def test_a_privacy_change_bans_everything_after_the_commit(
    front_cache, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        PageViewRestriction.objects.create(
            page=pages["ja"]["news"], restriction_type=PageViewRestriction.LOGIN
        )
    assert front_cache == []
    for callback in callbacks:
        callback()
    assert front_cache
    assert {(method, path) for method, path, _host in front_cache} == {("BAN", "/")}
