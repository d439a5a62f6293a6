"""A "lost phone" reset closes every door the phone had, and the new one needs the password.

Whoever now holds the member's phone has her authenticator, maybe her
backup codes on a note, her logged-in browser and her calendar app with the
private feed. After staff reset her second factor, none of them works; the
link she is sent enrols a new device only with her account password.
"""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import BackupCodeDevice
from tests.auth import PASSWORD, current_code, log_in, make_user
from tests.members.event_factory import make_event


@pytest.fixture
def member_client(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(client, member)
    return client


@pytest.fixture
def lost_phone(member, member_client):
    """What the phone holds: a session, the feed address, backup codes."""
    make_event(title="電話で見える会議")
    feed = member_client.post("/members/calendar/", {"action": "renew"}).context["feed_url"]
    codes = member_client.post("/members/security/").context["codes"]
    feed_path = "/" + feed.split("/", 3)[3]
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(feed_path).status_code == 200
    return {"session": member_client, "feed": feed_path, "codes": codes}


def reset(staff_client, member, capture, mailoutbox):
    with capture(execute=True):
        response = staff_client.post(f"/admin/members/reset-second-factor/{member.pk}/")
    assert response.status_code == 302
    bodies = [m.body for m in mailoutbox if m.to == [member.email]]
    return re.findall(r"/members/invitation/[^/\s]+/", "\n".join(bodies))[-1]


def test_the_reset_closes_the_session_the_feed_and_the_backup_codes(
    staff_client, member, lost_phone, mailoutbox, django_capture_on_commit_callbacks
):
    reset(staff_client, member, django_capture_on_commit_callbacks, mailoutbox)
    assert lost_phone["session"].get("/members/").status_code == 302
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(lost_phone["feed"]).status_code == 404
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not BackupCodeDevice.objects.filter(user=member).exists()
    thief = Client(HTTP_ACCEPT_LANGUAGE="en")
    thief.post("/members/login/", {"username": member.username, "password": PASSWORD})
    thief.post("/members/verify/", {"code": lost_phone["codes"][0]})
    assert thief.get("/members/").status_code == 302  # the old backup codes open nothing


def test_the_link_asks_for_the_password_before_showing_a_new_device(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    link = reset(staff_client, member, django_capture_on_commit_callbacks, mailoutbox)
    holder = Client(HTTP_ACCEPT_LANGUAGE="en")
    first = holder.get(link).content.decode()
    assert 'name="password"' in first
    assert 'class="qr"' not in first and "otpauth" not in first  # no key for whoever has the link
    wrong = holder.post(link, {"password": "not hers"}).content.decode()
    assert "not the password" in wrong and 'class="qr"' not in wrong
    assert not TOTPDevice.objects.filter(user=member, confirmed=True).exists()

    shown = holder.post(link, {"password": PASSWORD}).content.decode()
    assert 'class="qr"' in shown
    proof = re.search(r'name="proof" value="([^"]+)"', shown).group(1)
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    # A code without the proof (the link alone) enrols nothing.
    assert 'class="qr"' not in holder.post(link, {"code": current_code(device)}).content.decode()
    assert not TOTPDevice.objects.filter(user=member, confirmed=True).exists()
    done = holder.post(link, {"code": current_code(device), "proof": proof})
    assert done.status_code == 200
    assert done.content.decode().count("<code>") == 10
    assert TOTPDevice.objects.filter(user=member, confirmed=True).count() == 1
    assert holder.get("/members/").status_code == 200


def test_a_forged_or_foreign_proof_is_refused(
    staff_client, member, django_user_model, organization, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    link = reset(staff_client, member, django_capture_on_commit_callbacks, mailoutbox)
    other = make_user(django_user_model, "other", organization=organization)
    other_link = reset(staff_client, other, django_capture_on_commit_callbacks, mailoutbox)
    shown = (
        Client(HTTP_ACCEPT_LANGUAGE="en").post(other_link, {"password": PASSWORD}).content.decode()
    )
    others_proof = re.search(r'name="proof" value="([^"]+)"', shown).group(1)
    for proof in (others_proof, "forged", others_proof[:-2] + "xx"):
        page = (
            Client(HTTP_ACCEPT_LANGUAGE="en")
            .post(link, {"proof": proof, "code": "123456"})
            .content.decode()
        )
        assert 'name="password"' in page and 'class="qr"' not in page


def test_password_guesses_on_the_link_are_throttled(
    staff_client, member, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 3
    link = reset(staff_client, member, django_capture_on_commit_callbacks, mailoutbox)
    for _ in range(3):
        Client(HTTP_ACCEPT_LANGUAGE="en").post(link, {"password": "guess"})
    page = Client(HTTP_ACCEPT_LANGUAGE="en").post(link, {"password": PASSWORD}).content.decode()
    assert "Too many failed attempts" in page and 'class="qr"' not in page


def test_the_old_feed_address_stays_dead_after_a_new_phone_is_enrolled(
    staff_client, member, lost_phone, mailoutbox, django_capture_on_commit_callbacks
):
    link = reset(staff_client, member, django_capture_on_commit_callbacks, mailoutbox)
    holder = Client(HTTP_ACCEPT_LANGUAGE="en")
    shown = holder.post(link, {"password": PASSWORD}).content.decode()
    proof = re.search(r'name="proof" value="([^"]+)"', shown).group(1)
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert holder.post(link, {"code": current_code(device), "proof": proof}).status_code == 200
    assert holder.get("/members/").status_code == 200  # she is back in, with a new phone
    # The calendar app on the lost phone still asks the old address: it gets nothing.
    assert Client().get(lost_phone["feed"]).status_code == 404
