"""Every public page type renders in a few queries, in every language, however much content.

Counted for an anonymous reader with the page cache off, after one request
that warms Wagtail's own caches (the site root paths).
"""

import datetime

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from home.models import ConsultationWindowPage, ContentPage, EventPage, NewsPage
from members.models import Organization
from tests.helpfinder.helpers import answers_on, given_answers

MAX_QUERIES = 10
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]

PAGE_TYPES = {
    "home": "/{lang}/",
    "section": "/{lang}/consultation/",
    "content page": "/{lang}/network/about/",
    "consultation window": "/{lang}/consultation/one-stop/",
    "topic": "/{lang}/topics/dv/",
    "news index": "/{lang}/news/",
    "news item": "/{lang}/news/network-launch/",
    "events index": "/{lang}/events/",
    "event page": "/{lang}/events/gatekeeper-training/",
    "public lecture": "/{lang}/events/lecture/{lecture}/",
    "FAQ": "/{lang}/faq/",
    "help finder": "/{lang}/help-finder/",
    "organizations roster": "/{lang}/network/organizations/",
    "search results": "/{lang}/search/?q=DV",
    "cards and posters": "/{lang}/print/",
    "printable card": "/{lang}/print/card/",
    "printable leaflet": "/{lang}/print/leaflet/",
    "printable poster": "/{lang}/print/poster/",
    "accessibility statement": "/{lang}/accessibility/",
}


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def count_queries(client, url, data=None):
    ask = client.post if data is not None else client.get
    ask(url, data) if data is not None else ask(url)  # warms Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        response = ask(url, data) if data is not None else ask(url)
    assert response.status_code == 200, url
    return len(queries)


def lecture_id():
    return Event.objects.public().values_list("pk", flat=True).first()


def answers_to_results(client, url):
    """The answers a reader gives to reach the results: the first offered at each step."""
    response = client.get(url)
    answers = []
    while offered := answers_on(response):
        answers = [*given_answers(response), next(iter(offered.values()))]
        response = client.post(url, {"answer": answers})
    return answers


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_types_render_in_few_queries(client, db, uncached, page_type, lang):
    url = PAGE_TYPES[page_type].format(lang=lang, lecture=lecture_id())
    assert count_queries(client, url) <= MAX_QUERIES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_answer_step_of_the_help_finder_renders_in_few_queries(client, db, uncached, lang):
    url = f"/{lang}/help-finder/"
    answers = answers_to_results(client, url)
    assert len(answers) > 1
    assert count_queries(client, url, {"answer": answers[:1]}) <= MAX_QUERIES
    assert count_queries(client, url, {"answer": answers}) <= MAX_QUERIES


# Ten times the content, the same queries.


def add_children(parent, count, make):
    for n in range(count):
        parent.add_child(instance=make(n))
        parent.refresh_from_db()


def grow_section(pages):
    section = pages["ja"]["network"]
    count = 10 * section.get_children().count()
    add_children(section, count, lambda n: ContentPage(title=f"Page {n}", slug=f"bulk-{n}"))


def new_windows(pages, count):
    section = pages["ja"]["consultation"]
    add_children(
        section,
        count,
        lambda n: ConsultationWindowPage(
            title=f"Window {n}", slug=f"bulk-window-{n}", phone="048-000-0000", urgent=n % 2
        ),
    )
    return list(ConsultationWindowPage.objects.filter(slug__startswith="bulk-window-"))


def grow_topic_windows(pages):
    topic = pages["ja"]["dv"]
    windows = new_windows(pages, 10 * len(topic.windows))
    topic.windows = [("window", window) for window in windows]
    topic.save_revision().publish()


def grow_news(pages):
    index = pages["ja"]["news"]
    count = 10 * index.get_children().count()
    add_children(
        index,
        count,
        lambda n: NewsPage(
            title=f"News {n}", slug=f"bulk-news-{n}", date=datetime.date(2025, 1, 1)
        ),
    )


def grow_events(pages):
    index = pages["ja"]["events"]
    count = 10 * index.get_children().count()
    now = timezone.now()
    add_children(
        index,
        count,
        lambda n: EventPage(
            title=f"Event {n}", slug=f"bulk-event-{n}", start=now + datetime.timedelta(days=n - 5)
        ),
    )
    for n in range(10 * Event.objects.public().count()):
        start = now + datetime.timedelta(days=n - 5)
        Event.objects.create(
            title=f"Lecture {n}",
            kind="lecture",
            audience="public",
            start=start,
            end=start + datetime.timedelta(hours=2),
            live=True,
        )


def grow_home(pages):
    grow_news(pages)
    grow_events(pages)
    new_windows(
        pages, 10 * ConsultationWindowPage.objects.filter(locale__language_code="ja").count()
    )


def grow_roster(pages):
    listed = Organization.objects.filter(is_active=True, listed_publicly=True).count()
    Organization.objects.bulk_create(
        Organization(
            name=f"Organization {n}",
            kind="npo",
            address="上尾市",
            contact_name="山田",
            email=f"org{n}@example.jp",
            phone="048",
            listed_publicly=True,
        )
        for n in range(10 * max(listed, 1))
    )


LISTINGS = {
    "section children": ("/{lang}/network/", grow_section),
    "topic windows": ("/{lang}/topics/dv/", grow_topic_windows),
    "news": ("/{lang}/news/", grow_news),
    "events": ("/{lang}/events/", grow_events),
    "home lists": ("/{lang}/", grow_home),
    "organizations": ("/{lang}/network/organizations/", grow_roster),
}


@pytest.mark.parametrize("lang", ["ja", "en", "ko"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_listing_queries_do_not_grow_with_content(client, pages, uncached, listing, lang):
    url, grow = LISTINGS[listing]
    url = url.format(lang=lang)
    before = count_queries(client, url)
    grow(pages)
    assert count_queries(client, url) == before


# A members-only page elsewhere in the tree costs the public pages nothing.

PUBLIC_BESIDE_MEMBERS_ONLY = [
    "home",
    "content page",
    "topic",
    "news index",
    "FAQ",
    "search results",
]


@pytest.mark.parametrize("lang", ["ja", "en", "ko"])
@pytest.mark.parametrize("page_type", PUBLIC_BESIDE_MEMBERS_ONLY)
def test_a_members_only_page_adds_no_query_to_public_pages(
    client, pages, uncached, page_type, lang
):
    from wagtail.models import PageViewRestriction

    url = PAGE_TYPES[page_type].format(lang=lang, lecture=lecture_id())
    without = count_queries(client, url)
    # The Japanese page: every translation and alias shares its restriction.
    PageViewRestriction.objects.create(
        page=pages["ja"]["events"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(f"/{lang}/events/").status_code == 404  # it is in force
    assert count_queries(client, url) == without
