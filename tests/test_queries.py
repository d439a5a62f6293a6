"""Queries per page type stay the same however much content there is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import EventPage, NewsPage


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_news(index, count):
    for n in range(count):
        page = NewsPage(title=f"News {n}", slug=f"bulk-news-{n}", date=datetime.date(2025, 1, 1))
        index.add_child(instance=page)
        index.refresh_from_db()


def add_events(index, count):
    for n in range(count):
        start = timezone.now() + datetime.timedelta(days=n + 1)
        index.add_child(instance=EventPage(title=f"Event {n}", slug=f"bulk-event-{n}", start=start))
        index.refresh_from_db()


def add_windows(topic, windows):
    topic.windows = [("window", window) for window in windows]
    topic.save_revision().publish()


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        (
            "/ja/topics/dv/",
            lambda p: add_windows(
                p["ja"]["dv"],
                [
                    w
                    for w in p["ja"].values()
                    if w.specific_class.__name__ == "ConsultationWindowPage"
                ],
            ),
        ),
        ("/ja/news/", lambda p: add_news(p["ja"]["news"], 12)),
        ("/ja/events/", lambda p: add_events(p["ja"]["events"], 12)),
        ("/ja/", lambda p: (add_news(p["ja"]["news"], 5), add_events(p["ja"]["events"], 5))),
    ],
)
def test_listing_queries_do_not_grow_with_content(client, pages, settings, url, grow):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url)  # warm Wagtail's own caches (site root paths) first
    before = count_queries(client, url)
    grow(pages)
    client.get(url)
    after = count_queries(client, url)
    assert after == before


# Measured on the demo with only Japanese and English built (other languages
# fall back to their home page, one query more than a fully translated site).
PAGE_QUERY_LIMITS = {
    "/ja/": 23,
    "/ja/consultation/": 20,
    "/ja/consultation/one-stop/": 19,
    "/en/topics/dv/": 25,
    "/ja/news/": 20,
    "/ja/events/": 20,
    "/ja/faq/": 17,
    "/en/search/?q=help": 21,
}


@pytest.mark.parametrize(("url", "limit"), PAGE_QUERY_LIMITS.items())
def test_page_types_stay_within_their_query_budget(client, db, settings, url, limit):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url)
    assert count_queries(client, url) <= limit
