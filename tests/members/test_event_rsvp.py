"""Members answer an event: attending or not, with how many people, until answers close."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventAudience, EventResponse

from .event_factory import make_event


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def answer(client, event, **data):
    return client.post(f"/members/events/{event.pk}/answer/", data, follow=True)


@pytest.mark.django_db
def test_a_member_answers_and_changes_the_answer(member_client, member):
    event = make_event()
    response = answer(member_client, event, answer="yes", people="3")
    assert response.status_code == 200
    saved = EventResponse.objects.get(event=event, user=member)
    assert (saved.attending, saved.people) == (True, 3)
    assert "3 people" in response.content.decode()

    answer(member_client, event, answer="no", people="5")
    saved = EventResponse.objects.get(event=event, user=member)
    assert (saved.attending, saved.people) == (False, 0)
    assert EventResponse.objects.filter(event=event, user=member).count() == 1
    page = member_client.get(f"/members/events/{event.pk}/").content.decode()
    assert "You answered: not attending." in page
    assert "Change my answer" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"answer": "yes", "people": "0"}, "people"),
        ({"answer": "yes", "people": "21"}, "people"),
        ({"answer": "yes", "people": ""}, "people"),
        ({"answer": "maybe", "people": "1"}, "answer"),
        ({"people": "1"}, "answer"),
    ],
)
def test_invalid_answers_are_refused_with_the_form_shown_again(member_client, data, field):
    event = make_event()
    response = member_client.post(f"/members/events/{event.pk}/answer/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not EventResponse.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_answers_close_at_the_deadline(member_client):
    event = make_event(rsvp_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = answer(member_client, event, answer="yes", people="1")
    assert not EventResponse.objects.filter(event=event).exists()
    text = response.content.decode()
    assert "Answers for this event closed on" in text
    assert 'name="answer"' not in text


@pytest.mark.django_db
def test_answers_close_when_the_event_has_started(member_client):
    event = make_event(days=-1)
    response = answer(member_client, event, answer="no")
    assert not EventResponse.objects.filter(event=event).exists()
    assert "already started" in response.content.decode()


@pytest.mark.django_db
def test_an_open_deadline_still_takes_answers(member_client, member):
    event = make_event(rsvp_deadline=timezone.now() + datetime.timedelta(days=1))
    answer(member_client, event, answer="yes", people="20")
    assert EventResponse.objects.get(event=event, user=member).people == 20


@pytest.mark.django_db
def test_answers_need_a_post_and_the_audience(member_client):
    event = make_event(audience=EventAudience.REPRESENTATIVES)
    assert member_client.get(f"/members/events/{event.pk}/answer/").status_code == 405
    assert answer(member_client, event, answer="yes", people="1").status_code == 404


@pytest.mark.django_db
def test_the_list_and_dashboard_show_the_members_answer(member_client, member):
    event = make_event(title="答えた会議")
    EventResponse.objects.create(event=event, user=member, attending=True, people=2)
    make_event(title="まだの会議", days=11)
    for url in ("/members/", "/members/events/"):
        text = member_client.get(url).content.decode()
        assert "答えた会議" in text
        assert "You answered: attending (2 people)." in text
        after = text.split("まだの会議", 1)[1]
        assert after.index("Not answered yet.") < after.index("</li>")
