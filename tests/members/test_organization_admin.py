from members.models import Invitation, Membership, Organization
from tests.auth import log_in, make_user


def test_only_organization_administrators_manage_colleagues(member_client):
    assert member_client.get("/members/organization/").status_code == 403


def test_administrator_invites_a_colleague(
    client, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    log_in(client, org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/members/organization/invite/",
            {"invite-name": "佐藤", "invite-email": "sato@example.jp"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="sato@example.jp")
    assert invitation.organization == org_admin.membership.organization
    assert invitation.role == Membership.Role.MEMBER
    assert any("/members/invitation/" in m.body for m in mailoutbox)


def test_administrator_removes_a_colleague_who_loses_access_at_once(client, org_admin, member):
    from django.test import Client

    colleague = Client()
    log_in(colleague, member)
    log_in(client, org_admin)
    response = client.post(f"/members/organization/remove/{member.membership.pk}/")
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert colleague.get("/members/").status_code == 302


def test_administrator_cannot_touch_another_organizations_members(
    client, org_admin, django_user_model
):
    other_org = Organization.objects.create(
        name="別の団体", kind="npo", address="-", contact_name="-", email="o@example.jp", phone="-"
    )
    stranger = make_user(django_user_model, "stranger", organization=other_org)
    log_in(client, org_admin)
    assert client.post(f"/members/organization/remove/{stranger.membership.pk}/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_administrator_edits_the_profile(client, org_admin):
    log_in(client, org_admin)
    organization = org_admin.membership.organization
    data = {
        "profile-name": "新しい名前",
        "profile-address": "上尾市",
        "profile-contact_name": "山田",
        "profile-email": "org@example.jp",
        "profile-phone": "048",
        "profile-offers": ["posters", "leaflets"],
        "profile-offers_other": "",
        "profile-listed_publicly": "on",
    }
    assert client.post("/members/organization/", data).status_code == 302
    organization.refresh_from_db()
    assert organization.name == "新しい名前"
    assert organization.offers == ["posters", "leaflets"]


def test_members_of_a_deactivated_organization_are_refused(member_client, member):
    Organization.objects.filter(pk=member.membership.organization_id).update(is_active=False)
    assert member_client.get("/members/").status_code == 403
