"""Who sees what: audiences, proposals, and visitors without both factors."""

import pytest
from django.test import Client

from resources.models import Audience, Resource
from tests.auth import PASSWORD, make_user
from tests.resources.factories import make_course, make_resource

LIBRARY = "/members/library/"


def urls_of(resource):
    file = resource.versions.first().files.first()
    base = f"{LIBRARY}{resource.pk}/"
    return [base, f"{base}files/{file.pk}/", f"{base}files/{file.pk}/preview/"]


def listed(client, resource):
    return f'href="{LIBRARY}{resource.pk}/"' in client.get(LIBRARY).content.decode()


@pytest.mark.parametrize(
    ("audience", "for_member", "for_representative", "for_practitioner"),
    [
        (Audience.ALL, True, True, True),
        (Audience.REPRESENTATIVES, False, True, False),
        (Audience.PRACTITIONERS, False, False, True),
    ],
)
def test_each_audience_sees_its_resources(
    member_client,
    representative_client,
    practitioner_client,
    audience,
    for_member,
    for_representative,
    for_practitioner,
):
    resource = make_resource("For an audience", audience=audience)
    for client, allowed in (
        (member_client, for_member),
        (representative_client, for_representative),
        (practitioner_client, for_practitioner),
    ):
        assert listed(client, resource) is allowed
        for url in urls_of(resource):
            assert (client.get(url).status_code == 200) is allowed, url


def test_staff_see_every_audience_and_every_proposal(staff_client, member):
    hidden = make_resource("Representatives only", audience=Audience.REPRESENTATIVES)
    proposal = make_resource("Proposal", status=Resource.Status.PROPOSED, proposed_by=member)
    for resource in (hidden, proposal):
        for url in urls_of(resource):
            assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("status", [Resource.Status.PROPOSED, Resource.Status.REJECTED])
def test_proposals_are_seen_only_by_their_proposer(
    member_client, member, other_member_client, status
):
    proposal = make_resource(
        "Pending leaflet", status=status, proposed_by=member, rejection_reason="Duplicate."
    )
    assert listed(member_client, proposal)
    detail = member_client.get(f"{LIBRARY}{proposal.pk}/").content.decode()
    assert ("Duplicate." in detail) is (status == Resource.Status.REJECTED)
    assert not listed(other_member_client, proposal)
    for url in urls_of(proposal):
        assert other_member_client.get(url).status_code == 404, url


def test_a_file_is_reached_only_through_its_own_resource(member_client):
    open_one = make_resource("Open")
    hidden = make_resource("Hidden", audience=Audience.PRACTITIONERS)
    hidden_file = hidden.versions.first().files.first()
    assert member_client.get(f"{LIBRARY}{open_one.pk}/files/{hidden_file.pk}/").status_code == 404


def test_visitors_without_both_factors_get_nothing(django_user_model, organization, pledge):
    resource = make_resource("Leaflet")
    course = make_course("Course")
    material = course.modules.first().materials.first()
    urls = [
        LIBRARY,
        f"{LIBRARY}propose/",
        *urls_of(resource),
        "/members/training/",
        f"/members/training/{course.pk}/",
        f"/members/training/{course.pk}/materials/{material.pk}/",
        f"/members/training/{course.pk}/materials/{material.pk}/preview/",
    ]
    make_user(django_user_model, "halfway", organization=organization)
    password_only = Client()
    password_only.post("/members/login/", {"username": "halfway", "password": PASSWORD})
    for client in (Client(), password_only):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/members/login/"), url
    assert not resource.downloads.exists()
