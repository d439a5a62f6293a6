"""A member reads the members area in the language kept on her account.

One preference a person (Wagtail's ``UserProfile.preferred_language``): the
members' pages and the emails to her both follow it, whatever her browser asks.
"""

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from mail.models import OutgoingEmail
from mail.outbox import preferred_language
from tests.auth import log_in

# Each members' page and a Vietnamese line it shows (from the catalogue already there).
PAGES = {
    "/members/": "Khu vực thành viên",
    "/members/events/": "Các cuộc họp và sự kiện",
    "/members/library/": "Thư viện tài liệu",
    "/members/training/": "Đào tạo",
    "/members/search/": "Tìm kiếm trong khu vực thành viên",
    "/members/account/": "Nguồn cấp lịch",
}


def keep_language(user, code):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": code})


def kept_language(user):
    return UserProfile.get_for_user(user).preferred_language


def japanese_browser():
    return Client(HTTP_ACCEPT_LANGUAGE="ja")


@pytest.fixture
def vietnamese_member(member):
    keep_language(member, "vi")
    return member


@pytest.mark.parametrize("path", PAGES)
def test_every_members_page_is_in_the_kept_language_whatever_the_browser_asks(
    vietnamese_member, path
):
    client = japanese_browser()
    log_in(client, vietnamese_member)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert response["Content-Language"] == "vi"
    assert PAGES[path] in html
    assert "language-offer" not in html  # chosen already: nothing offered


def test_the_kept_language_stays_across_logins(member):
    first = Client(HTTP_ACCEPT_LANGUAGE="vi")
    log_in(first, member)
    first.post("/members/account/language/", {"language": "vi", "next": "/members/"})
    first.post("/members/logout/")
    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(again, member)
    assert '<html lang="vi"' in again.get("/members/").content.decode()


def test_at_first_login_the_browsers_language_is_offered_and_nothing_is_stored(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi, en;q=0.5")
    log_in(client, member)
    html = client.get("/members/").content.decode()
    assert '<html lang="vi"' in html  # the browser's, until she chooses
    assert 'class="notice language-offer"' in html
    assert '<option value="vi" lang="vi" selected>' in html
    assert kept_language(member) == ""
    response = client.post("/members/account/language/", {"language": "vi", "next": "/members/"})
    assert response["Location"] == "/members/"
    assert kept_language(member) == "vi"
    assert "language-offer" not in client.get("/members/").content.decode()


def test_the_switcher_keeps_the_language_and_stays_on_the_same_page(vietnamese_member):
    client = japanese_browser()
    log_in(client, vietnamese_member)
    html = client.get("/members/library/").content.decode()
    assert 'action="/members/account/language/"' in html
    assert 'name="next" value="/members/library/"' in html
    assert 'value="en" lang="en"' in html
    response = client.post(
        "/members/account/language/", {"language": "en", "next": "/members/library/?q=x"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/members/library/?q=x"
    assert kept_language(vietnamese_member) == "en"
    page = client.get("/members/library/")
    assert '<html lang="en"' in page.content.decode()
    assert "Resource library" in page.content.decode()


def test_every_site_language_can_be_kept(member, settings):
    client = japanese_browser()
    log_in(client, member)
    for code, _name in settings.LANGUAGES:
        client.post("/members/account/language/", {"language": code, "next": "/members/"})
        assert kept_language(member) == code
        assert f'<html lang="{code}"' in client.get("/members/").content.decode()


def test_an_unknown_language_is_refused_with_a_message_and_nothing_changes(vietnamese_member):
    client = japanese_browser()
    log_in(client, vietnamese_member)
    response = client.post(
        "/members/account/language/", {"language": "xx", "next": "/members/training/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/members/training/"
    assert "notice--error" in response.content.decode()
    assert kept_language(vietnamese_member) == "vi"


def test_the_switcher_never_leaves_the_site(vietnamese_member):
    client = japanese_browser()
    log_in(client, vietnamese_member)
    response = client.post(
        "/members/account/language/", {"language": "en", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/members/"


def test_the_switcher_needs_the_csrf_token(vietnamese_member):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="ja")
    log_in_with_tokens(client, vietnamese_member)
    response = client.post("/members/account/language/", {"language": "en"})
    assert response.status_code == 403
    assert kept_language(vietnamese_member) == "vi"


def log_in_with_tokens(client, user):
    """``tests.auth.log_in`` for a client that checks CSRF tokens."""
    client.handler.enforce_csrf_checks = False
    log_in(client, user)
    client.handler.enforce_csrf_checks = True


def test_public_pages_keep_their_urls_language(vietnamese_member):
    client = japanese_browser()
    log_in(client, vietnamese_member)
    assert '<html lang="en"' in client.get("/en/").content.decode()
    assert '<html lang="ja"' in client.get("/ja/").content.decode()


def test_anonymous_readers_get_no_cookie_and_nothing_is_stored(vietnamese_member, member):
    reader = Client(HTTP_ACCEPT_LANGUAGE="vi")
    for path in ("/members/login/", "/members/password-reset/", "/vi/", "/members/"):
        response = reader.get(path)
        assert not response.cookies, path
    login_page = reader.get("/members/login/").content.decode()
    assert '<html lang="vi"' in login_page  # the browser's language, nothing kept
    assert 'action="/members/account/language/"' not in login_page
    response = reader.post("/members/account/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/members/login/")
    assert not response.cookies
    assert kept_language(vietnamese_member) == "vi"


def test_emails_go_in_the_language_chosen_in_the_members_area(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    log_in(client, member)
    assert preferred_language(member) == "ja"  # the site's, until she chooses
    assert preferred_language(member, default="") == ""
    client.post("/members/account/language/", {"language": "vi", "next": "/members/"})
    assert preferred_language(member) == "vi"
    client.post("/members/logout/")
    # She forgets her password and asks from a Japanese browser: the email is in Vietnamese.
    Client(HTTP_ACCEPT_LANGUAGE="ja").post("/members/password-reset/", {"email": member.email})
    email = OutgoingEmail.objects.get(to=member.email)
    assert "Có người đã yêu cầu đặt lại mật khẩu" in email.body
