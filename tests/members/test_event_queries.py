"""The members' event pages and the public index cost as many queries for 10 events as for 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, EventAudience, EventKind, EventResponse


def add_events(count, audience, user=None):
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            title=f"bulk {audience} {n}",
            kind=EventKind.OTHER,
            audience=audience,
            # Half to come, half past: both lists grow.
            start=now + datetime.timedelta(days=n - count // 2, hours=1),
            end=now + datetime.timedelta(days=n - count // 2, hours=3),
            live=True,
        )
        for n in range(count)
    )
    if user is not None:
        EventResponse.objects.bulk_create(
            EventResponse(event=event, user=user, attending=True, people=1) for event in events
        )


def queries(client, url):
    client.get(url)  # warm Wagtail's and the session's caches first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/members/events/", "/members/", "/members/events/?page=2"])
def test_members_pages_do_not_grow_with_events(member_client, member, url):
    add_events(10, EventAudience.MEMBERS, member)
    few = queries(member_client, url)
    add_events(190, EventAudience.MEMBERS, member)
    assert queries(member_client, url) == few


@pytest.mark.django_db
def test_the_public_index_does_not_grow_with_lectures(client, settings, pages):
    settings.PAGE_CACHE_SECONDS = 0
    add_events(10, EventAudience.PUBLIC)
    few = queries(client, "/ja/events/")
    add_events(190, EventAudience.PUBLIC)
    assert queries(client, "/ja/events/") == few


@pytest.mark.django_db
def test_past_events_are_paged(member_client, member):
    add_events(60, EventAudience.MEMBERS, member)  # 30 past: two pages of 20
    first = member_client.get("/members/events/").content.decode()
    assert 'href="?page=2" rel="next"' in first
    second = member_client.get("/members/events/?page=2").content.decode()
    assert 'href="?page=1" rel="prev"' in second
    assert 'rel="next"' not in second
