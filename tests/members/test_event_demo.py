"""The demo's meetings and lecture, built from the seeds, and the demo member's place in them."""

import pytest
from django.utils import timezone

from demo.events import DEMO_EVENTS, build_event_demo, place_demo_member
from events.models import Event, EventAudience, EventKind
from mail.models import OutgoingEmail

from .event_factory import make_member


@pytest.mark.django_db
def test_the_demo_has_the_networks_meetings_and_a_public_lecture():
    events = {event.title: event for event in Event.objects.filter(live=True)}
    assert {spec["title"] for spec in DEMO_EVENTS} <= set(events)
    kinds = [event.kind for event in events.values()]
    assert kinds.count(EventKind.PRACTITIONERS) == 2
    assert {EventKind.REPRESENTATIVES, EventKind.CASE, EventKind.LECTURE} <= set(kinds)
    practitioners = [e for e in events.values() if e.kind == EventKind.PRACTITIONERS]
    assert sorted(e.end < timezone.now() for e in practitioners) == [False, True]
    case = events["個別ケース検討会議"]
    assert case.audience == EventAudience.INVITEES
    lecture = next(e for e in events.values() if e.kind == EventKind.LECTURE)
    assert lecture.audience == EventAudience.PUBLIC
    assert events["困難女性支援ネットワーク代表者会議"].materials.exists()


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_emails_nobody(django_user_model, organization, pledge):
    make_member(django_user_model, "everyone", organization, is_practitioner=True)
    Event.objects.filter(title="実務者会議（第2回）").delete()
    assert build_event_demo() == 1
    assert build_event_demo() == 0
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_the_demo_member_attends_the_practitioners_meeting_and_the_case_meeting(
    django_user_model, organization, pledge
):
    user = make_member(django_user_model, "member", organization)
    place_demo_member(user)
    place_demo_member(user)
    user.refresh_from_db()
    seen = set(Event.objects.visible_to(user).values_list("title", flat=True))
    assert {"実務者会議（第2回）", "個別ケース検討会議"} <= seen
    assert "困難女性支援ネットワーク代表者会議" not in seen
    assert list(Event.objects.get(title="個別ケース検討会議").invitees.all()) == [user]
