from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Invitation, Membership
from tests.auth import current_code


def test_invitation_sets_password_enrols_totp_and_shows_backup_codes(
    client, organization, pledge, django_user_model
):
    invitation = Invitation.create(email="new@example.jp", name="新人", organization=organization)
    url = f"/members/invitation/{invitation.token}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"password1": "a long new passphrase", "password2": "a long new passphrase"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "<svg" in page  # the QR code, drawn here
    device = TOTPDevice.objects.get(user__email="new@example.jp")
    response = client.post(url, {"code": current_code(device)})
    assert response.status_code == 200
    assert response.content.decode().count("<code>") == 10
    membership = Membership.objects.get(user__email="new@example.jp")
    assert membership.organization == organization
    # Logged in with both factors; the pledge comes first.
    assert client.get("/members/")["Location"].startswith("/members/pledge/")
    client.post("/members/pledge/?next=/members/", {"accept": "on"})
    assert client.get("/members/").status_code == 200


def test_invitation_link_works_once(client, organization, pledge):
    invitation = Invitation.create(email="once@example.jp", name="", organization=organization)
    url = f"/members/invitation/{invitation.token}/"
    client.post(url, {"password1": "a long new passphrase", "password2": "a long new passphrase"})
    client.get(url)
    device = TOTPDevice.objects.get(user__email="once@example.jp")
    client.post(url, {"code": current_code(device)})
    assert client.get(url).status_code == 410


def test_expired_or_unknown_invitation_is_refused(client, organization):
    from django.utils import timezone

    invitation = Invitation.create(email="late@example.jp", name="", organization=organization)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert client.get(f"/members/invitation/{invitation.token}/").status_code == 410
    assert client.get("/members/invitation/not-a-token/").status_code == 410


def test_weak_or_mismatched_passwords_keep_the_form(client, organization):
    invitation = Invitation.create(email="weak@example.jp", name="", organization=organization)
    url = f"/members/invitation/{invitation.token}/"
    response = client.post(url, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    response = client.post(
        url, {"password1": "a long new passphrase", "password2": "another long one"}
    )
    assert "errorlist" in response.content.decode()
