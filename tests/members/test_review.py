"""Staff review of sign-ups and management of organizations in the Wagtail admin."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from demo.members import build_member_demo
from mail.models import OutgoingEmail
from members.models import Application, Invitation, Membership, Organization
from tests.auth import log_in, log_in_password_only, make_user

INDEX = "/admin/members/applications/"
ORGANIZATIONS = "/admin/members/organizations/"


def review_url(application):
    return f"{INDEX}inspect/{application.pk}/"


def staff_with(django_user_model, username, *codenames):
    """A staff member (both factors) whose group grants the admin and these permissions."""
    user = make_user(django_user_model, username)
    user.is_staff = True
    user.save()
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="members", codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def application(db):
    build_member_demo()
    return Application.objects.create(
        name="審査テスト 市民の会",
        kind="npo",
        address="埼玉県上尾市本町9-9",
        contact_name="木村 和子",
        email="kimura@shimin.example.jp",
        phone="048-000-9999",
        offers=["drop_in", "outreach"],
        listed_publicly=True,
        language="en",
        pledge_version_id=1,
    )


@pytest.fixture
def reviewer(client, django_user_model, db):
    from wagtail.users.models import UserProfile

    user = staff_with(django_user_model, "reviewer", "change_application")
    # This reviewer chose English for the admin (the default is Japanese).
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    log_in(client, user)
    return user


def decide(client, application, **data):
    return client.post(review_url(application), data)


def test_reviewers_see_applications_in_the_menu(client, reviewer):
    html = client.get("/admin/").content.decode()
    assert INDEX in html
    assert ORGANIZATIONS not in html


def test_pending_applications_come_first(client, reviewer, application):
    decided = Application.objects.create(
        **{
            f: getattr(application, f)
            for f in ("kind", "address", "contact_name", "email", "phone", "language")
        },
        name="審査テスト 決定済み",
        pledge_version_id=1,
        status=Application.Status.REJECTED,
    )
    html = client.get(INDEX).content.decode()
    assert html.index(application.name) < html.index(decided.name)
    filtered = client.get(INDEX, {"status": "pending"}).content.decode()
    assert application.name in filtered
    assert decided.name not in filtered


def test_the_review_page_shows_the_application_and_both_buttons(client, reviewer, application):
    response = client.get(review_url(application))
    html = response.content.decode()
    assert response.status_code == 200
    assert application.contact_name in html
    assert 'value="approve"' in html
    assert 'value="reject"' in html


def test_the_review_page_warns_of_an_organization_with_the_same_name(client, reviewer, application):
    assert "same name" not in client.get(review_url(application)).content.decode()
    existing = Organization.objects.create(
        **{f: getattr(application, f) for f in ("name", "kind", "address", "contact_name")},
        email="old@example.jp",
        phone="048-000-0000",
    )
    html = client.get(review_url(application)).content.decode()
    assert "An organization with the same name is already in the network" in html
    assert f"{ORGANIZATIONS}edit/{existing.pk}/" in html


def test_approval_creates_the_organization_and_invites_its_contact_person(
    client, reviewer, application
):
    response = decide(client, application, decision="approve")
    assert response.status_code == 302

    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.decided_by == reviewer
    assert application.decided_at is not None
    organization = application.organization
    assert organization.name == application.name
    assert organization.offers == ["drop_in", "outreach"]
    assert organization.listed_publicly and organization.is_active

    invitation = Invitation.objects.get(organization=organization)
    assert invitation.email == "kimura@shimin.example.jp"
    assert invitation.role == Membership.Role.ADMIN
    assert invitation.invited_by == reviewer
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=7)) < datetime.timedelta(minutes=1)

    email = OutgoingEmail.objects.get(to="kimura@shimin.example.jp")
    token = re.search(r"http://testserver/members/invitation/([^/\s]+)/", email.body).group(1)
    assert Invitation.find_usable(token) == invitation

    entry = ModelLogEntry.objects.get(action="members.approve", object_id=str(application.pk))
    assert entry.user == reviewer
    assert entry.data["organization"] == organization.pk


def test_the_invitation_link_opens_the_acceptance_page(client, reviewer, application):
    decide(client, application, decision="approve")
    email = OutgoingEmail.objects.get(to="kimura@shimin.example.jp")
    link = re.search(r"http://testserver(/members/invitation/\S+/)", email.body).group(1)
    client.logout()
    assert client.get(link).status_code == 200


def test_an_application_is_decided_only_once(client, reviewer, application):
    decide(client, application, decision="approve")
    decide(client, application, decision="approve")
    decide(client, application, decision="reject", reason="二度目")
    assert Organization.objects.filter(name=application.name).count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert OutgoingEmail.objects.filter(to=application.email).count() == 1


def test_rejection_needs_a_reason(client, reviewer, application):
    response = decide(client, application, decision="reject", reason="  ")
    assert response.status_code == 200
    assert "Give a reason for rejecting" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not OutgoingEmail.objects.filter(to=application.email).exists()


def test_rejection_emails_the_reason_and_is_logged(client, reviewer, application):
    reason = "市外の個人の方は登録事業所になれません。"
    response = decide(client, application, decision="reject", reason=reason)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.reason == reason
    assert application.organization is None
    email = OutgoingEmail.objects.get(to=application.email)
    assert reason in email.body
    assert email.subject == "Your application to the support network"  # the applicant's language
    entry = ModelLogEntry.objects.get(action="members.reject", object_id=str(application.pk))
    assert entry.user == reviewer
    assert entry.data["reason"] == reason
    assert not Organization.objects.filter(name=application.name).exists()


def test_the_history_shows_the_reason_for_a_rejection(client, reviewer, application):
    from wagtail.log_actions import registry

    reason = "市外の個人の方は登録事業所になれません。"
    decide(client, application, decision="reject", reason=reason)
    entry = ModelLogEntry.objects.get(action="members.reject", object_id=str(application.pk))
    assert registry.get_formatter(entry).format_comment(entry) == reason


def test_the_audit_trail_names_the_decisions(client, reviewer, application):
    from wagtail.log_actions import registry

    decide(client, application, decision="approve")
    assert registry.get_action_label("members.approve")
    history = client.get(f"{INDEX}history/{application.pk}/")
    assert history.status_code == 200


def test_staff_without_the_permission_cannot_review(client, django_user_model, application):
    editor = staff_with(django_user_model, "editor")
    log_in(client, editor)
    html = client.get("/admin/").content.decode()
    assert INDEX not in html
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(review_url(application)).status_code in (302, 403)
    decide(client, application, decision="approve")
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not Organization.objects.filter(name=application.name).exists()


def test_a_password_alone_does_not_open_the_review(client, django_user_model, application):
    user = staff_with(django_user_model, "halfway", "change_application")
    log_in_password_only(client, user)  # no second factor, within the timeouts
    response = client.get(review_url(application))
    assert response.status_code == 302
    assert response["Location"].startswith("/members/login/")
    decide(client, application, decision="approve")
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_organization_managers_see_organizations_not_applications(client, django_user_model, db):
    manager = staff_with(django_user_model, "manager", "change_organization")
    log_in(client, manager)
    html = client.get("/admin/").content.decode()
    assert ORGANIZATIONS in html
    assert INDEX not in html
    assert client.get(ORGANIZATIONS).status_code == 200


@pytest.fixture
def manager(client, django_user_model, db):
    user = staff_with(django_user_model, "manager", "change_organization")
    log_in(client, user)
    return user


@pytest.fixture
def organization(db):
    return Organization.objects.create(
        name="管理テスト 商店会",
        kind="business",
        address="埼玉県上尾市",
        contact_name="担当",
        email="shoten@example.jp",
        phone="048-000-0000",
        offers=["posters"],
        listed_publicly=True,
    )


def test_staff_edit_an_organization(client, manager, organization):
    url = f"{ORGANIZATIONS}edit/{organization.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "name": "管理テスト 商店会（新）",
        "kind": "business",
        "address": "埼玉県上尾市",
        "contact_name": "担当",
        "email": "shoten@example.jp",
        "phone": "048-000-0000",
        "offers": ["posters", "leaflets"],
        "offers_other": "",
        "listed_publicly": "on",
    }
    assert client.post(url, data).status_code == 302
    organization.refresh_from_db()
    assert organization.name == "管理テスト 商店会（新）"
    assert organization.offers == ["posters", "leaflets"]


def test_staff_deactivate_and_reactivate_an_organization(
    client, manager, organization, django_capture_on_commit_callbacks
):
    from django.test import Client

    reader = Client()
    assert organization.name in reader.get("/en/network/organizations/").content.decode()
    url = f"{ORGANIZATIONS}activation/{organization.pk}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    organization.refresh_from_db()
    assert not organization.is_active
    assert ModelLogEntry.objects.filter(
        action="members.deactivate", object_id=str(organization.pk), user=manager
    ).exists()
    # Gone from the public roster at once, although the page was cached.
    assert organization.name not in reader.get("/en/network/organizations/").content.decode()

    client.post(url)
    organization.refresh_from_db()
    assert organization.is_active
    assert ModelLogEntry.objects.filter(
        action="members.reactivate", object_id=str(organization.pk)
    ).exists()


def test_organizations_are_deactivated_not_deleted(client, manager, organization):
    with pytest.raises(NoReverseMatch):
        reverse("members_organizations:delete", args=[organization.pk])
    client.post(f"{ORGANIZATIONS}delete/{organization.pk}/")
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_reviewers_cannot_deactivate_organizations(client, reviewer, organization):
    response = client.post(f"{ORGANIZATIONS}activation/{organization.pk}/")
    assert response.status_code in (302, 403)
    organization.refresh_from_db()
    assert organization.is_active
