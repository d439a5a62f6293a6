"""Verified members outside an object's audience get 404 on every URL of it, as if it did
not exist (never 403, which would tell them it does); members inside get it.

Each outsider is a verified member who belongs to other audiences, so a 404 is the
audience rule at work, not a missing login, pledge or organization.
"""

import re

import pytest
from django.test import Client

from events.models import Event, EventAudience, EventKind, EventResponse
from members.models import Organization
from resources.models import Audience, Download, Resource
from tests.auth import log_in
from tests.resources.factories import image_file, make_course, make_resource

from .event_factory import PDF, make_event, make_member

ANSWER = {"answer": "yes", "people": "3"}


@pytest.fixture
def people(django_user_model, organization, pledge):
    other = Organization.objects.create(
        name="別の事業所", kind="npo", address="-", contact_name="-", email="o@e.jp", phone="-"
    )
    return {
        "plain": make_member(django_user_model, "plain", organization),
        "representative": make_member(
            django_user_model, "rep", organization, is_representative=True
        ),
        "practitioner": make_member(django_user_model, "prac", organization, is_practitioner=True),
        # In both meetings and in the invitee's organization: only the invitation is missing.
        "both": make_member(
            django_user_model, "both", other, is_representative=True, is_practitioner=True
        ),
        "invitee": make_member(django_user_model, "invitee", other),
        "proposer": make_member(django_user_model, "proposer", other),
    }


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(client, user)
    return client


def event_urls(event):
    base = f"/members/events/{event.pk}/"
    return [base, f"{base}event.ics", f"{base}materials/{event.materials.get().pk}/"]


def assert_event_hidden_from(event, user):
    client = client_for(user)
    for url in event_urls(event):
        assert client.get(url).status_code == 404, (user.username, url)
    response = client.post(f"/members/events/{event.pk}/answer/", ANSWER)
    assert response.status_code == 404, user.username
    assert not EventResponse.objects.filter(event=event, user=user).exists()
    for listing in ("/members/events/", "/members/"):
        assert event.title not in client.get(listing).content.decode(), (user.username, listing)


def assert_event_shown_to(event, user):
    client = client_for(user)
    detail, ics, material = event_urls(event)
    assert event.title in client.get(detail).content.decode()
    assert f"SUMMARY:{event.title}" in client.get(ics).content.decode()
    response = client.get(material)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response = client.post(f"/members/events/{event.pk}/answer/", ANSWER)
    assert (response.status_code, response["Location"]) == (302, detail)
    assert EventResponse.objects.get(event=event, user=user).people == 3
    assert event.title in client.get("/members/events/").content.decode()


def meeting(title, **fields):
    return make_event(title=title, materials=[("資料", PDF)], **fields)


@pytest.mark.django_db
def test_a_case_meeting_is_only_for_its_invitees(people):
    case = meeting(
        "case meeting",
        kind=EventKind.CASE,
        audience=EventAudience.INVITEES,
        invitees=[people["invitee"]],
    )
    for who in ("plain", "representative", "practitioner", "both", "proposer"):
        assert_event_hidden_from(case, people[who])
    assert_event_shown_to(case, people["invitee"])


@pytest.mark.django_db
def test_a_representatives_meeting_is_only_for_representatives(people):
    event = meeting(
        "representatives meeting",
        kind=EventKind.REPRESENTATIVES,
        audience=EventAudience.REPRESENTATIVES,
    )
    for who in ("plain", "practitioner", "invitee"):
        assert_event_hidden_from(event, people[who])
    for who in ("representative", "both"):
        assert_event_shown_to(event, people[who])


@pytest.mark.django_db
def test_a_practitioners_meeting_is_only_for_practitioners(people):
    event = meeting(
        "practitioners meeting",
        kind=EventKind.PRACTITIONERS,
        audience=EventAudience.PRACTITIONERS,
    )
    for who in ("plain", "representative", "invitee"):
        assert_event_hidden_from(event, people[who])
    for who in ("practitioner", "both"):
        assert_event_shown_to(event, people[who])


def resource_urls(resource):
    base = f"/members/library/{resource.pk}/"
    urls = [base]
    for file in resource.versions.first().files.all():
        urls += [f"{base}files/{file.pk}/", f"{base}files/{file.pk}/preview/"]
    return urls


def listed_in_library(client, resource):
    return (
        f'href="/members/library/{resource.pk}/"'
        in client.get("/members/library/").content.decode()
    )


def found_by_title(client, resource):
    search = client.get("/members/library/", {"q": resource.title}).content.decode()
    return f'href="/members/library/{resource.pk}/"' in search


def assert_resource_hidden_from(resource, user):
    client = client_for(user)
    for url in resource_urls(resource):
        assert client.get(url).status_code == 404, (user.username, url)
    assert not listed_in_library(client, resource), user.username
    assert not found_by_title(client, resource), user.username
    assert not Download.objects.filter(resource=resource, user=user).exists()


def assert_resource_shown_to(resource, user):
    client = client_for(user)
    for url in resource_urls(resource):
        assert client.get(url).status_code == 200, (user.username, url)
    assert listed_in_library(client, resource), user.username
    assert found_by_title(client, resource), user.username


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("audience", "outsiders", "insiders"),
    [
        (
            Audience.REPRESENTATIVES,
            ("plain", "practitioner", "invitee"),
            ("representative", "both"),
        ),
        (Audience.PRACTITIONERS, ("plain", "representative", "invitee"), ("practitioner", "both")),
    ],
)
def test_a_resource_and_its_files_are_only_for_its_audience(people, audience, outsiders, insiders):
    resource = make_resource("audience leaflet", audience=audience, languages=("ja", "en"))
    image_file(resource, language="pt-br")
    for who in outsiders:
        assert_resource_hidden_from(resource, people[who])
    for who in insiders:
        assert_resource_shown_to(resource, people[who])


@pytest.mark.django_db
def test_a_proposal_is_only_for_its_proposer_until_approved(people):
    proposal = make_resource(
        "proposed leaflet", status=Resource.Status.PROPOSED, proposed_by=people["proposer"]
    )
    # Other organizations, and the proposer's own colleague, all in every meeting audience.
    for who in ("plain", "representative", "practitioner", "both", "invitee"):
        assert_resource_hidden_from(proposal, people[who])
    assert_resource_shown_to(proposal, people["proposer"])
    proposal.status = Resource.Status.APPROVED
    proposal.save()
    assert_resource_shown_to(proposal, people["plain"])


def course_urls(course):
    base = f"/members/training/{course.pk}/"
    material = course.modules.get().materials.get()
    return [base, f"{base}materials/{material.pk}/", f"{base}materials/{material.pk}/preview/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("audience", "outsiders", "insiders"),
    [
        (Audience.REPRESENTATIVES, ("plain", "practitioner"), ("representative", "both")),
        (Audience.PRACTITIONERS, ("plain", "representative"), ("practitioner", "both")),
    ],
)
def test_a_course_is_only_for_its_audience(people, audience, outsiders, insiders):
    course = make_course("audience course", audience=audience)
    for who in outsiders:
        client = client_for(people[who])
        for url in course_urls(course):
            assert client.get(url).status_code == 404, (who, url)
        assert course.title not in client.get("/members/training/").content.decode(), who
    for who in insiders:
        client = client_for(people[who])
        for url in course_urls(course):
            assert client.get(url).status_code == 200, (who, url)
        assert course.title in client.get("/members/training/").content.decode(), who
    assert not Download.objects.filter(user__username__in=outsiders).exists()


def feed_uids(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r"UID:event-(\d+)@", response.content.decode())}


@pytest.mark.django_db
def test_the_private_feed_lists_only_what_its_owner_may_see(people):
    owner = people["practitioner"]
    events = {
        "public": meeting("feed: public", audience=EventAudience.PUBLIC),
        "members": meeting("feed: members"),
        "practitioners": meeting("feed: practitioners", audience=EventAudience.PRACTITIONERS),
        "representatives": meeting("feed: representatives", audience=EventAudience.REPRESENTATIVES),
        "invited": meeting(
            "feed: invited",
            kind=EventKind.CASE,
            audience=EventAudience.INVITEES,
            invitees=[owner, people["invitee"]],
        ),
        "not invited": meeting(
            "feed: not invited",
            kind=EventKind.CASE,
            audience=EventAudience.INVITEES,
            invitees=[people["invitee"]],
        ),
        "draft": meeting("feed: draft", publish=False),
    }
    session = client_for(owner)
    url = session.post("/members/calendar/", {"action": "renew"}).context["feed_url"]
    app = Client()  # a calendar app: no session
    uids = feed_uids(app, url)
    mine = {pk for pk in uids if pk in {e.pk for e in events.values()}}
    assert mine == {events[k].pk for k in ("public", "members", "practitioners", "invited")}
    # Nothing else in it (the demo's events included) is outside the owner's audiences.
    others = set(uids - mine)
    for event in Event.objects.filter(pk__in=others):
        assert event.audience in ("public", "members", "practitioners") or (
            event.invitees.filter(pk=owner.pk).exists()
        ), event.title
    # Another member's feed follows that member's audiences, not the owner's.
    other_session = client_for(people["representative"])
    other_url = other_session.post("/members/calendar/", {"action": "renew"}).context["feed_url"]
    other_uids = feed_uids(app, other_url)
    assert events["representatives"].pk in other_uids
    assert not other_uids & {events[k].pk for k in ("practitioners", "invited", "not invited")}

    session.post("/members/calendar/", {"action": "revoke"})
    assert app.get(url).status_code == 404
    assert feed_uids(app, other_url)  # revoking one feed leaves the others working
