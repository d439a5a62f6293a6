"""What every page shows is kept between requests (core.memo) and never outlives a change.

Each test runs inside the test's transaction, where the memo keeps nothing (a value
read there may hold what is not committed); ``kept`` lets it keep values as it does
for requests outside a transaction, and the changes below run their after-commit
work as a committed change would.
"""

import re

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import cache as page_cache
from core import memo
from core.middleware import SiteMiddleware
from tests.auth import log_in, log_in_password_only


@pytest.fixture
def kept(db, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the memo alone, not the whole-page cache
    monkeypatch.setattr(memo, "_in_transaction", lambda: False)
    memo.forget()
    yield
    memo.forget()


def menu_of(response):
    nav = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S)
    return nav.group(0)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_frame_and_the_routing_are_read_once_for_every_page_of_a_language(client, kept):
    first = queries_for(client, "/en/faq/")
    again = queries_for(client, "/en/faq/")
    other = queries_for(client, "/en/news/")
    assert again <= first - 3  # the site, the settings, the frame, the restrictions
    memo.forget()
    assert queries_for(client, "/en/news/") >= other + 3


def test_a_published_title_is_in_the_menu_at_the_next_request(
    client, kept, pages, django_capture_on_commit_callbacks
):
    assert "Questions people often ask" not in menu_of(client.get("/en/news/"))
    faq = pages["en"]["faq"]
    faq.title = "Questions people often ask"
    with django_capture_on_commit_callbacks(execute=True):
        faq.save_revision().publish()
    assert "Questions people often ask" in menu_of(client.get("/en/news/"))


def test_a_page_made_members_only_leaves_the_menu_and_its_address_at_once(
    client, kept, pages, django_capture_on_commit_callbacks
):
    faq = pages["en"]["faq"]
    assert faq.url in menu_of(client.get("/en/"))
    assert client.get(faq.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=faq, restriction_type=PageViewRestriction.LOGIN)
    assert faq.url not in menu_of(client.get("/en/"))
    assert client.get(faq.url).status_code != 200


def test_a_members_home_page_is_not_kept_for_anonymous_readers(
    client, kept, member, pages, django_capture_on_commit_callbacks
):
    news = pages["ja"]["network-launch"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    member_client = Client()
    log_in(member_client, member)
    assert news.url in member_client.get("/ja/").content.decode()
    assert news.url not in client.get("/ja/").content.decode()
    assert news.url in member_client.get("/ja/").content.decode()


@pytest.mark.parametrize("session", ["password only", "timed out"])
def test_a_half_or_ended_session_neither_sees_nor_leaves_a_members_home_page(
    client, kept, member, pages, settings, session, django_capture_on_commit_callbacks
):
    news = pages["ja"]["network-launch"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    idle = settings.MEMBERS_IDLE_TIMEOUT
    asking = Client()
    if session == "password only":
        log_in_password_only(asking, member)
    else:
        log_in(asking, member)
        settings.MEMBERS_IDLE_TIMEOUT = -1
    assert news.url not in asking.get("/ja/").content.decode()
    assert news.url not in client.get("/ja/").content.decode()
    settings.MEMBERS_IDLE_TIMEOUT = idle
    verified = Client()
    log_in(verified, member)
    assert news.url in verified.get("/ja/").content.decode()
    assert news.url not in client.get("/ja/").content.decode()


def test_nothing_read_inside_a_transaction_is_kept(client, settings, pages):
    """Without ``kept``: the test's own transaction, where a change is never committed."""
    settings.PAGE_CACHE_SECONDS = 0
    memo.forget()
    client.get("/en/news/")
    faq = pages["en"]["faq"]
    faq.title = "Not committed yet"
    faq.save_revision().publish()  # its after-commit work never runs here
    assert "Not committed yet" in menu_of(client.get("/en/news/"))


def test_nothing_is_kept_while_the_shared_cache_is_away(client, kept, settings, pages):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.get("/en/news/")
    faq = pages["en"]["faq"]
    faq.title = "Changed while Redis was down"
    faq.save_revision().publish()  # the generation cannot move: nothing may be kept
    assert "Changed while Redis was down" in menu_of(client.get("/en/news/"))


def test_a_value_read_before_a_change_is_not_kept_after_it(kept, rf):
    before, after = rf.get("/"), rf.get("/")
    assert memo.remembered(before, "key", lambda: "old") == "old"
    page_cache.invalidate()
    assert memo.remembered(after, "key", lambda: "new") == "new"
    # A request that began before the change finishes after it: its value is not kept.
    assert memo.remembered(before, "other", lambda: "old") == "old"
    assert memo.remembered(rf.get("/"), "other", lambda: "new") == "new"
    assert memo.remembered(rf.get("/"), "key", lambda: "newer") == "new"


def test_values_expire_and_their_number_is_bounded(kept, rf, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    assert memo.remembered(rf.get("/"), "events", lambda: 1) == 1
    now[0] += memo.SECONDS - 1
    assert memo.remembered(rf.get("/"), "events", lambda: 2) == 1
    now[0] += 2
    assert memo.remembered(rf.get("/"), "events", lambda: 3) == 3
    request = rf.get("/")
    for n in range(memo.MAX_ENTRIES + 5):
        memo.remembered(request, ("translations", n), lambda n=n: n)
    assert len(memo._state["values"]) <= memo.MAX_ENTRIES


def test_each_request_gets_its_own_site_and_root_page(kept, db):
    factory = RequestFactory()
    seen = []
    middleware = SiteMiddleware(lambda request: seen.append(request._wagtail_site))
    middleware(factory.get("/"))
    with CaptureQueriesContext(connection) as queries:
        middleware(factory.get("/"))
    assert len(queries) == 0
    first, second = seen
    assert first.pk == second.pk and first is not second
    assert first.root_page.pk == second.root_page.pk
    assert first.root_page is not second.root_page
    assert type(first.root_page).__name__ == "HomePage"


def test_a_host_django_refuses_is_not_looked_up(kept, db):
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    SiteMiddleware(lambda request: None)(request)
    assert not hasattr(request, "_wagtail_site")
    assert memo._state["values"] == {}


def test_the_health_check_answers_without_looking_up_the_site(kept, client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert not any("wagtailcore_site" in query["sql"] for query in queries.captured_queries)


def test_a_database_that_fails_the_site_lookup_leaves_the_answer_to_the_view(kept, rf):
    from unittest import mock

    from django.db import OperationalError

    seen = []
    request = rf.get("/ja/")
    with mock.patch("core.middleware._site", side_effect=OperationalError("down")):
        SiteMiddleware(seen.append)(request)
    assert seen == [request] and not hasattr(request, "_wagtail_site")
