import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import security
from members.models import BackupCodeDevice
from tests.auth import PASSWORD, current_code, log_in, log_in_password_only


def test_members_area_sends_anonymous_visitors_to_log_in(client, db):
    response = client.get("/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/members/login/?next=/members/")


def test_password_alone_logs_nobody_in(client, member):
    response = client.post("/members/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/members/verify/")
    assert "_auth_user_id" not in client.session
    assert client.get("/members/").status_code == 302


def test_password_then_code_reaches_the_dashboard(client, member):
    response = log_in(client, member)
    assert response.status_code == 302
    dashboard = client.get("/members/")
    assert dashboard.status_code == 200
    assert "テスト事業所" in dashboard.content.decode()


def test_session_key_changes_at_each_step(client, member):
    client.get("/members/login/")
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    after_password = client.session.session_key
    device = TOTPDevice.objects.get(user=member)
    client.post("/members/verify/", {"code": current_code(device)})
    assert client.session.session_key != after_password


def test_a_code_works_only_once(client, member, django_user_model):
    log_in(client, member)
    code = current_code(TOTPDevice.objects.get(user=member))
    client.post("/members/logout/")
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    response = client.post("/members/verify/", {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_password_and_wrong_code_are_refused_calmly(client, member):
    response = client.post("/members/login/", {"username": "member", "password": "nope"})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    response = client.post("/members/verify/", {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_backup_code_logs_in_once_and_is_stored_hashed(client, member):
    codes = security.new_backup_codes(member)
    stored = list(
        BackupCodeDevice.objects.get(user=member).codes.values_list("code_hash", flat=True)
    )
    assert not set(codes) & set(stored)
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    assert client.post("/members/verify/", {"code": codes[0]}).status_code == 302
    assert client.get("/members/").status_code == 200
    client.post("/members/logout/")
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    assert client.post("/members/verify/", {"code": codes[0]}).status_code == 200  # used up
    assert client.post("/members/verify/", {"code": codes[1].upper()}).status_code == 302


def test_failures_are_throttled_per_account_but_not_for_ever(client, member, settings):
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 3
    for _ in range(3):
        client.post("/members/login/", {"username": "member", "password": "wrong"})
    response = client.post(
        "/members/login/",
        {"username": "member", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert not client.session.get("members.pending_user")
    cache.clear()  # the hour has passed
    response = client.post("/members/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302


def test_code_guesses_count_against_the_account(client, member, settings):
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 2
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    for _ in range(2):
        client.post("/members/verify/", {"code": "111111"})
    device = TOTPDevice.objects.get(user=member)
    response = client.post("/members/verify/", {"code": current_code(device)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_account_without_second_factor_cannot_log_in(client, member):
    TOTPDevice.objects.filter(user=member).delete()
    response = client.post("/members/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 200
    assert "members.pending_user" not in client.session


def test_idle_members_are_logged_out(member_client, settings):
    settings.MEMBERS_IDLE_TIMEOUT = -1
    response = member_client.get("/members/")
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def test_sessions_end_after_the_absolute_timeout(member_client, settings):
    settings.MEMBERS_ABSOLUTE_TIMEOUT = -1
    assert member_client.get("/members/").status_code == 302


def test_new_backup_codes_log_out_other_sessions(client, member, django_user_model):
    from django.test import Client

    other = Client()
    log_in(other, member)
    log_in(client, member)
    assert other.get("/members/").status_code == 200
    response = client.post("/members/security/")
    assert response.status_code == 200
    assert other.get("/members/").status_code == 302
    assert client.get("/members/").status_code == 200


def test_staff_reset_removes_factors_and_sessions_and_is_audited(member_client, member, staff):
    from wagtail.models import ModelLogEntry

    security.reset_second_factor(member, by=staff)
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert member_client.get("/members/").status_code == 302
    assert ModelLogEntry.objects.filter(action="members.reset_second_factor").exists()


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_admin_needs_both_factors(client, staff, path):
    log_in_password_only(client, staff)  # as a stolen cookie of a half-done login would be
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/members/login/")


def test_verified_staff_reach_the_admin(staff_client):
    assert staff_client.get("/admin/").status_code == 200


def reset_link(mailbox):
    import re

    return re.search(r"http://\S+", mailbox[-1].body).group(0).split("testserver", 1)[1]


@pytest.fixture
def reset_requested(django_capture_on_commit_callbacks):
    """Ask for a reset link as a reader would; the queued mail goes once committed."""

    def ask(client, email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/members/password-reset/", {"email": email})

    return ask


def test_password_reset_never_logs_in_nor_sets_a_cookie(member, mailoutbox, reset_requested):
    from wagtail.models import ModelLogEntry

    client = Client()
    sent = reset_requested(client, member.email)
    assert sent.status_code == 302 and not sent.cookies
    link = reset_link(mailoutbox)
    form = client.get(link)
    assert form.status_code == 200 and not form.cookies
    assert 'name="new_password1"' in form.content.decode()
    new = "a new long passphrase"
    response = client.post(link, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert response["Location"] == "/members/login/?reset=1"
    assert not response.cookies
    assert not client.session.keys()
    assert client.get("/members/").status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)
    assert ModelLogEntry.objects.filter(action="members.password_reset").exists()
    # The link works once: the new password changed what its token was made from.
    again = client.post(link, {"new_password1": "another passphrase 2", "new_password2": "x"})
    assert 'name="new_password1"' not in again.content.decode()
    member.refresh_from_db()
    assert member.check_password(new)
    # Logging in still takes the second factor.
    step = client.post("/members/login/", {"username": member.username, "password": new})
    assert step["Location"].startswith("/members/verify/")


def test_in_production_the_reset_mail_waits_for_the_periodic_job(
    member, mailoutbox, reset_requested, settings
):
    from django.core.management import call_command

    from mail.models import OutgoingEmail

    settings.MAIL_SEND_AFTER_COMMIT = False
    assert reset_requested(Client(), member.email).status_code == 302
    assert not mailoutbox
    queued = OutgoingEmail.objects.get(to=member.email, sent_at__isnull=True)
    assert "/members/password-reset/" in queued.body
    call_command("send_queued_emails")
    assert len(mailoutbox) == 1 and "/members/password-reset/" in mailoutbox[0].body
    assert OutgoingEmail.objects.get(pk=queued.pk).sent_at is not None


def test_a_wrong_or_forged_reset_link_changes_nothing(member):
    client = Client()
    for link in ("/members/password-reset/MQ/forged-token/", "/members/password-reset/%FF/x/"):
        response = client.post(link, {"new_password1": "x long one 1", "new_password2": "x"})
        assert response.status_code == 200
        assert 'name="new_password1"' not in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_password_reset_mails_are_limited_per_account_and_per_address(
    member, mailoutbox, reset_requested
):
    for _ in range(security.RESETS_PER_ACCOUNT + 2):
        assert reset_requested(Client(), member.email).status_code == 302
    assert len(mailoutbox) == security.RESETS_PER_ACCOUNT
    mailoutbox.clear()
    one_address = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(security.RESETS_PER_ADDRESS + 2):
        reset_requested(one_address, f"someone{number}@example.jp")
    member.email = "someone-else@example.jp"
    member.save()
    reset_requested(one_address, member.email)
    assert not mailoutbox  # the address is spent, whoever it asks for
    reset_requested(Client(REMOTE_ADDR="198.51.100.7"), member.email)
    assert len(mailoutbox) == 1


def test_staff_reset_from_the_admin_sends_a_new_enrolment_link(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    listing = staff_client.get("/admin/users/").content.decode()
    assert f"/admin/members/reset-second-factor/{member.pk}/" in listing
    url = f"/admin/members/reset-second-factor/{member.pk}/"
    assert staff_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    link = next(m.body for m in mailoutbox if m.to == [member.email])
    assert "/members/invitation/" in link


def test_members_cannot_reset_anyones_second_factor(member_client, staff):
    assert member_client.post(f"/admin/members/reset-second-factor/{staff.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_the_login_leaves_nothing_on_disk_and_logout_clears_the_browser(client, member):
    client.post("/members/login/", {"username": "member", "password": PASSWORD})
    response = log_in(client, member)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # kept in memory only
    logout = client.post("/members/logout/")
    assert logout.status_code == 302
    assert logout["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get("/members/").status_code == 302


def test_the_search_boxes_keep_no_history_of_what_was_typed(client, member):
    pages = [client.get("/ja/search/?q=DV").content.decode(), client.get("/en/").content.decode()]
    log_in(client, member)
    pages += [client.get("/members/").content.decode()]
    for page in pages:
        boxes = re.findall(r'<input[^>]*name="q"[^>]*>', page)
        assert boxes
        assert all('autocomplete="off"' in box for box in boxes), boxes
