"""Timeouts, the pledge and the second factor hold wherever something protected is served.

Not only under /members/ and /admin/: a members-only page in any language,
a document and an image of a restricted collection, and the members' search
need a live session of a verified, pledged member of an active organization.
"""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from home.models import ContentPage
from members.models import Organization, PledgeAcceptance, PledgeVersion
from tests.auth import age_session, log_in, log_in_password_only, make_user
from tests.resources import samples
from tests.resources.samples import PNG_MAGIC, body


@pytest.fixture
def on_disk(tmp_path):
    disk = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with override_settings(MEDIA_ROOT=tmp_path, STORAGES={**settings.STORAGES, "default": disk}):
        yield tmp_path


@pytest.fixture
def protected(pages, on_disk):
    """One of each protected thing served outside /members/."""
    page = ContentPage(title="会員向けの案内", slug="for-members", lead="会員向け")
    pages["ja"]["network"].add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    english = page.copy_for_translation(pages["en"]["network"].locale, alias=True)
    restricted = samples.collection("Case meetings", restricted=True)
    return {
        "page": page.url,
        "english page": english.url,
        "document": samples.document(restricted).url,
        "image": samples.image(restricted).get_rendition("width-4").url,
    }


def served(response):
    if response.status_code != 200:
        return False
    content = body(response) if response.streaming else response.content
    return bool(content) and (
        content.startswith((PNG_MAGIC, samples.PDF[:8])) or b"<html" in content
    )


@pytest.fixture
def member_client(member):
    client = Client()
    log_in(client, member)
    return client


def test_a_verified_member_gets_each_of_them(member_client, protected):
    """The positive control."""
    for what, url in protected.items():
        assert served(member_client.get(url)), what


@pytest.mark.parametrize(
    "clocks",
    [
        {"idle": settings.MEMBERS_IDLE_TIMEOUT + 60},
        {"started": settings.MEMBERS_ABSOLUTE_TIMEOUT + 60},
    ],
    ids=["idle", "absolute"],
)
def test_after_a_timeout_nothing_protected_is_served(member_client, protected, clocks):
    age_session(member_client, **clocks)
    for what, url in protected.items():
        response = member_client.get(url)
        assert response.status_code == 404, what
    # The session is over, not only refused once.
    assert member_client.get("/members/").status_code == 302


def test_activity_keeps_a_session_alive(member_client, protected):
    age_session(member_client, idle=settings.MEMBERS_IDLE_TIMEOUT - 120)
    assert served(member_client.get(protected["page"]))
    age_session(member_client, idle=settings.MEMBERS_IDLE_TIMEOUT - 120)
    assert served(member_client.get(protected["document"]))


def test_before_the_new_pledge_none_of_them_is_served_and_none_is_told_apart(
    member, member_client, protected
):
    PledgeVersion.objects.create(version=PledgeVersion.current().version + 1, text="新しい誓約")
    made_up = {
        "page": "/ja/no-such-page/",
        "document": "/documents/999999/x.pdf",
        "image": "/images/forged/999999/width-4/x.png",
    }
    for what, url in protected.items():
        response = member_client.get(url)
        assert response.status_code == 404, what
        assert "/members/pledge/" in response.content.decode(), what
        nothing = member_client.get(made_up.get(what, "/ja/no-such-page/"))
        assert nothing.status_code == 404, what
        assert "/members/pledge/" in nothing.content.decode(), what
    assert member_client.get("/members/")["Location"].startswith("/members/pledge/")
    member_client.post("/members/pledge/", {"accept": "on"})
    assert PledgeAcceptance.objects.filter(user=member, version=PledgeVersion.current()).exists()
    for what, url in protected.items():
        assert served(member_client.get(url)), what


def test_a_password_alone_sees_none_of_them(django_user_model, organization, pledge, protected):
    client = log_in_password_only(
        Client(), make_user(django_user_model, "halfway", organization=organization)
    )
    for what, url in protected.items():
        assert client.get(url).status_code == 404, what


def test_someone_no_longer_in_an_organization_sees_none_of_them(member, member_client, protected):
    member.membership.delete()  # removed by her organization's administrator
    for what, url in protected.items():
        assert member_client.get(url).status_code == 404, what
    assert member_client.get("/members/").status_code == 403


def test_a_closed_organization_or_a_deactivated_user_sees_none_of_them(
    django_user_model, organization, member, member_client, protected
):
    other = Client()
    log_in(other, make_user(django_user_model, "colleague", organization=organization))
    Organization.objects.filter(pk=organization.pk).update(is_active=False)
    for client in (member_client, other):
        for what, url in protected.items():
            assert client.get(url).status_code == 404, what
    Organization.objects.filter(pk=organization.pk).update(is_active=True)
    django_user_model.objects.filter(pk=member.pk).update(is_active=False)
    for what, url in protected.items():
        assert member_client.get(url).status_code == 404, what
    assert served(other.get(protected["page"]))  # the colleague, still active, is let in again


def test_editors_time_out_in_the_admin_too(staff_client):
    assert staff_client.get("/admin/").status_code == 200
    age_session(staff_client, idle=settings.MEMBERS_IDLE_TIMEOUT + 60)
    response = staff_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/members/login/")
    assert "expired=1" in response["Location"]


def test_editors_accept_the_new_pledge_before_the_admin(staff, staff_client, protected):
    PledgeVersion.objects.create(version=PledgeVersion.current().version + 1, text="新しい誓約")
    for url in ("/admin/", "/admin/pages/", "/admin/documents/"):
        response = staff_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/members/pledge/"), url
    assert staff_client.get(protected["page"]).status_code == 404
    staff_client.post("/members/pledge/", {"accept": "on"})
    assert PledgeAcceptance.objects.filter(user=staff, version=PledgeVersion.current()).exists()
    assert staff_client.get("/admin/").status_code == 200
    assert served(staff_client.get(protected["page"]))
