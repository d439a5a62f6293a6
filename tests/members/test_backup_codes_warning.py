"""A member with few or no backup codes left is told so, and makes new ones in one click."""

import pytest
from django.test import Client

from members import security
from members.models import BackupCodeDevice
from tests.auth import PASSWORD, log_in

WARNING = 'class="notice notice--warning backup-warning"'


def use_codes_until(user, left):
    codes = security.new_backup_codes(user)
    device = BackupCodeDevice.objects.get(user=user)
    for code in codes[: len(codes) - left]:
        assert device.verify_token(code)
    return codes[len(codes) - left :]


def english_client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(client, user)
    return client


@pytest.mark.parametrize("path", ["/members/", "/members/account/"])
@pytest.mark.parametrize(
    ("left", "heading"),
    [
        (0, "You have no backup codes left"),
        (1, "Few backup codes are left: 1"),
        (2, "Few backup codes are left: 2"),
    ],
)
def test_few_or_no_codes_left_are_warned_about_with_a_way_forward(member, path, left, heading):
    use_codes_until(member, left)
    html = english_client(member).get(path).content.decode()
    assert WARNING in html
    assert heading in html
    warning = html[html.index(WARNING) :]
    warning = warning[: warning.index("</section>")]
    assert '<form method="post" action="/members/security/">' in warning
    assert 'name="csrfmiddlewaretoken"' in warning
    assert "Make new backup codes" in warning


def test_a_member_without_any_codes_yet_is_warned_too(member):
    assert WARNING in english_client(member).get("/members/").content.decode()


@pytest.mark.parametrize("path", ["/members/", "/members/account/"])
def test_three_codes_or_more_bring_no_warning(member, path):
    use_codes_until(member, 3)
    assert WARNING not in english_client(member).get(path).content.decode()


def test_new_codes_are_shown_once_and_the_old_ones_stop_working(member):
    old = use_codes_until(member, 2)
    client = english_client(member)
    response = client.post("/members/security/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    new = response.context["codes"]
    assert len(new) == BackupCodeDevice.COUNT
    html = response.content.decode()
    assert all(code in html for code in new)
    assert "Your old backup codes no longer work" in html
    # Never shown again: the account page only counts them.
    account = client.get("/members/account/").content.decode()
    assert not any(code in account for code in new)
    assert WARNING not in account
    assert security.remaining_backup_codes(member) == BackupCodeDevice.COUNT
    # The old codes are refused at login; a new one lets her in.
    other = Client()
    other.post("/members/login/", {"username": member.username, "password": PASSWORD})
    assert other.post("/members/verify/", {"code": old[0]}).status_code == 200
    assert "_auth_user_id" not in other.session
    assert other.post("/members/verify/", {"code": new[0]}).status_code == 302
    assert other.session["_auth_user_id"] == str(member.pk)


def test_new_codes_need_a_post_with_the_csrf_token(member):
    use_codes_until(member, 1)
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.handler.enforce_csrf_checks = False
    log_in(client, member)
    client.handler.enforce_csrf_checks = True
    assert client.post("/members/security/").status_code == 403
    assert security.remaining_backup_codes(member) == 1
    # A link (GET) makes nothing: it leads to the account page.
    response = client.get("/members/security/")
    assert response.status_code == 302 and response["Location"] == "/members/account/"
    assert security.remaining_backup_codes(member) == 1


def test_a_backup_code_login_leads_to_the_warning(member):
    codes = use_codes_until(member, 3)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/members/login/", {"username": member.username, "password": PASSWORD})
    response = client.post("/members/verify/", {"code": codes[0]}, follow=True)
    html = response.content.decode()
    assert "2 backup codes are left" in html
    assert WARNING in html
