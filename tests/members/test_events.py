"""Who sees which event: one rule for lists, details, .ics files, materials and the feed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Event, EventAudience, EventKind, EventMaterial
from members.models import Organization
from tests.auth import log_in, make_user

from .event_factory import PDF, english_client, make_event, make_member

AUDIENCES = [a.value for a in EventAudience]


@pytest.fixture
def people(django_user_model, organization, pledge):
    other = Organization.objects.create(
        name="別の事業所", kind="npo", address="-", contact_name="-", email="o@e.jp", phone="-"
    )
    closed = Organization.objects.create(
        name="閉じた事業所",
        kind="npo",
        address="-",
        contact_name="-",
        email="c@e.jp",
        phone="-",
        is_active=False,
    )
    return {
        "member": make_member(django_user_model, "plain", organization),
        "representative": make_member(django_user_model, "rep", other, is_representative=True),
        "practitioner": make_member(django_user_model, "prac", organization, is_practitioner=True),
        "invitee": make_member(django_user_model, "invitee", other),
        "staff": make_user(django_user_model, "staffer", staff=True),
        "closed": make_member(
            django_user_model, "closed", closed, is_representative=True, is_practitioner=True
        ),
    }


@pytest.fixture
def events(people):
    return {
        audience: make_event(
            title=f"event for {audience}",
            audience=audience,
            kind=EventKind.CASE if audience == EventAudience.INVITEES else EventKind.OTHER,
            invitees=[people["invitee"]] if audience == EventAudience.INVITEES else [],
        )
        for audience in AUDIENCES
    }


EXPECTED = {
    "member": {"public", "members"},
    "representative": {"public", "members", "representatives"},
    "practitioner": {"public", "members", "practitioners"},
    "invitee": {"public", "members", "invitees"},
    "staff": set(AUDIENCES),
    "closed": set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", EXPECTED)
def test_each_kind_of_person_sees_exactly_their_audiences(people, events, who):
    mine = Event.objects.filter(pk__in=[e.pk for e in events.values()])
    seen = set(mine.visible_to(people[who]).values_list("audience", flat=True))
    assert seen == EXPECTED[who]
    for audience, event in events.items():
        assert event.is_visible_to(people[who]) == (audience in EXPECTED[who])


@pytest.mark.django_db
def test_drafts_deactivated_users_and_anonymous_see_nothing(people, events):
    from django.contrib.auth.models import AnonymousUser

    draft = make_event(title="draft", audience=EventAudience.PUBLIC, publish=False)
    assert not draft.is_visible_to(people["staff"])
    people["member"].is_active = False
    people["member"].save()
    assert not Event.objects.visible_to(people["member"]).exists()
    assert not Event.objects.visible_to(AnonymousUser()).exists()


@pytest.mark.django_db
def test_an_event_with_several_invitees_is_listed_once(django_user_model, organization, pledge):
    guests = [make_member(django_user_model, f"guest{n}", organization) for n in range(3)]
    event = make_event(audience=EventAudience.INVITEES, kind=EventKind.CASE, invitees=guests)
    assert list(Event.objects.visible_to(guests[0]).filter(pk=event.pk)) == [event]
    assert list(event.audience_users().order_by("pk")) == guests


@pytest.mark.django_db
def test_the_wrong_audience_gets_404_everywhere(people, events):
    event = events[EventAudience.PRACTITIONERS]
    material = make_event(
        title="with material", audience=EventAudience.PRACTITIONERS, materials=[("資料", PDF)]
    )
    file = material.materials.get()
    outsider, insider = english_client(), english_client()
    log_in(outsider, people["representative"])
    log_in(insider, people["practitioner"])
    urls = [
        f"/members/events/{event.pk}/",
        f"/members/events/{event.pk}/event.ics",
        f"/members/events/{material.pk}/materials/{file.pk}/",
    ]
    for url in urls:
        assert outsider.get(url).status_code == 404, url
        assert insider.get(url).status_code == 200, url
    answer = {"answer": "yes", "people": "1"}
    assert outsider.post(f"/members/events/{event.pk}/answer/", answer).status_code == 404
    listing = outsider.get("/members/events/").content.decode()
    assert "event for members" in listing
    assert "event for practitioners" not in listing
    assert "event for practitioners" not in outsider.get("/members/").content.decode()
    assert "event for practitioners" in insider.get("/members/events/").content.decode()


@pytest.mark.django_db
def test_materials_are_served_only_through_the_access_check(people, events):
    event = make_event(audience=EventAudience.MEMBERS, materials=[("次第", PDF)])
    material = event.materials.get()
    assert material.content_type == "application/pdf"
    client = english_client()
    log_in(client, people["member"])
    page = client.get(f"/members/events/{event.pk}/").content.decode()
    assert f"/members/events/{event.pk}/materials/{material.pk}/" in page
    assert material.file.name not in page
    response = client.get(f"/members/events/{event.pk}/materials/{material.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF
    # A material of another event is not reachable through this one.
    other = make_event(materials=[("別", PDF)])
    other_material = other.materials.get()
    url = f"/members/events/{event.pk}/materials/{other_material.pk}/"
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_material_added_in_a_draft_gets_its_kind_when_published(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = make_event()
    # The admin saves a live event's changes as a revision only, uploads included.
    event.materials.add(EventMaterial(title="後から", file=SimpleUploadedFile("later.pdf", PDF)))
    event.save_revision().publish()
    material = Event.objects.get(pk=event.pk).materials.get()
    assert (material.content_type, material.size) == ("application/pdf", len(PDF))


@pytest.mark.django_db
def test_the_rules_editors_must_follow(people):
    event = make_event(publish=False)
    event.kind = EventKind.CASE
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "audience" in error.value.message_dict
    event.kind = EventKind.OTHER
    event.end = event.start
    event.rsvp_deadline = event.start + datetime.timedelta(days=1)
    event.online_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert {"end", "rsvp_deadline", "online_url"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_staff_who_are_not_members_see_every_event_in_the_members_area(people, events):
    client = english_client()
    log_in(client, people["staff"])
    invited = events[EventAudience.INVITEES]
    assert client.get(f"/members/events/{invited.pk}/").status_code == 200
    assert "event for invitees" in client.get("/members/events/").content.decode()
