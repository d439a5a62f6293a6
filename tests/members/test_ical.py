"""iCalendar text, the .ics download of one event and the private calendar feed."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from events import ical
from events.models import CalendarFeed, EventAudience
from members.models import PledgeVersion

from .event_factory import make_event


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def unfold(text):
    return text.replace("\r\n ", "")


def test_text_values_are_escaped():
    assert ical.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_are_folded_between_characters():
    line = "SUMMARY:" + "代表者会議" * 20
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert unfold(folded) == line
    for part in parts:
        part.encode().decode()  # no UTF-8 sequence was cut


@pytest.mark.django_db
def test_one_event_as_an_ics_file(member_client):
    start = timezone.make_aware(datetime.datetime(2031, 5, 20, 14, 0))  # Tokyo time
    event = make_event(
        title="実務者会議, 第2回; 定例",
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        venue="上尾市役所",
        address="埼玉県上尾市\n本町3-1-1",
        online_url="https://meet.example.jp/secret-room",
        agenda="<p>内密の議題</p>",
    )
    response = member_client.get(f"/members/events/{event.pk}/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    raw = response.content.decode()
    assert raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    text = unfold(raw)
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert "DTSTART:20310520T050000Z" in lines
    assert "DTEND:20310520T063000Z" in lines
    assert "SUMMARY:実務者会議\\, 第2回\\; 定例" in lines
    assert "LOCATION:上尾市役所\\, 埼玉県上尾市 本町3-1-1" in lines
    assert f"UID:event-{event.pk}@testserver" in lines
    assert f"URL:http://testserver/members/events/{event.pk}/" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    # Calendars keep a copy elsewhere: what is confidential stays in the members area.
    assert "secret-room" not in text
    assert "内密" not in text


@pytest.fixture
def feed_url(member_client):
    response = member_client.post("/members/calendar/", {"action": "renew"})
    assert response.status_code == 200
    return response.context["feed_url"]


@pytest.mark.django_db
def test_the_feed_works_without_a_session_and_only_a_hash_is_stored(member, feed_url):
    event = make_event(title="購読できる会議")
    hidden = make_event(title="代表者だけ", audience=EventAudience.REPRESENTATIVES)
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get(user=member)
    assert stored.token_hash == CalendarFeed.hash_token(token)
    assert token not in stored.token_hash

    app = Client()  # a calendar app: no cookies, no login
    response = app.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert not response.cookies
    text = unfold(response.content.decode())
    assert f"UID:event-{event.pk}@testserver" in text
    assert "購読できる会議" in text
    assert "代表者だけ" not in text and f"event-{hidden.pk}@" not in text
    assert CalendarFeed.objects.get(user=member).last_used_at is not None


@pytest.mark.django_db
def test_revoking_or_replacing_the_feed_makes_the_old_url_404(member_client, member, feed_url):
    app = Client()
    assert app.get(feed_url).status_code == 200
    response = member_client.post("/members/calendar/", {"action": "renew"})
    new_url = response.context["feed_url"]
    assert new_url != feed_url
    assert app.get(feed_url).status_code == 404
    assert app.get(new_url).status_code == 200
    member_client.post("/members/calendar/", {"action": "revoke"})
    assert app.get(new_url).status_code == 404
    assert not CalendarFeed.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_the_feed_stops_for_inactive_users_closed_organizations_and_a_new_pledge(
    member, organization, feed_url
):
    app = Client()
    assert app.get("/members/calendar/not-a-token.ics").status_code == 404
    organization.is_active = False
    organization.save()
    assert app.get(feed_url).status_code == 404
    organization.is_active = True
    organization.save()
    PledgeVersion.objects.create(version=99, text="新しい誓約")
    assert app.get(feed_url).status_code == 404
    PledgeVersion.objects.filter(version=99).delete()
    assert app.get(feed_url).status_code == 200
    member.is_active = False
    member.save()
    assert app.get(feed_url).status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_shows_the_url_once(member_client, feed_url):
    page = member_client.get("/members/calendar/").content.decode()
    assert feed_url not in page
    assert "cannot be shown again" in page
    assert "webcal://" not in page


@pytest.mark.django_db
def test_the_feed_path_is_open_but_the_calendar_page_is_not():
    anonymous = Client()
    assert anonymous.get("/members/calendar/").status_code == 302
    assert anonymous.get("/members/calendar/x/").status_code == 404  # no such view
    assert anonymous.get("/members/calendar/abc.ics").status_code == 404
    assert anonymous.post("/members/calendar/abc.ics").status_code == 405
