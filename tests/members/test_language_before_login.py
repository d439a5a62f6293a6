"""The pages before logging in have a language menu that keeps the page and the language.

Nobody who is not logged in gets a cookie, so the language picked there travels
in the address (``?lang=``) from the login to the code step and the password
reset; without it, the browser's language. Once logged in, the account's wins.
"""

import re
from html import unescape

import pytest
from django.test import Client

from tests.auth import PASSWORD, log_in

from .test_member_language import keep_language


def links(html):
    return {
        code: unescape(url)
        for url, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html)
    }


@pytest.mark.django_db
def test_the_login_pages_menu_keeps_the_page():
    html = Client(HTTP_ACCEPT_LANGUAGE="vi").get("/members/login/?next=/members/events/").content
    found = links(html.decode())
    assert found["ja"] == "/members/login/?next=%2Fmembers%2Fevents%2F&lang=ja"
    assert found["vi"].endswith("&lang=vi")
    assert 'hreflang="vi" lang="vi" aria-current="true"' in html.decode()


@pytest.mark.django_db
def test_the_language_picked_is_kept_through_the_code_step_with_no_cookie(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    page = client.get("/members/login/?lang=ja")
    assert '<html lang="ja"' in page.content.decode()
    assert page["Content-Language"] == "ja"
    assert not page.cookies
    response = client.post(
        "/members/login/?next=/members/&lang=ja", {"username": "member", "password": PASSWORD}
    )
    assert response["Location"] == "/members/verify/?next=/members/&lang=ja"
    code_step = client.get(response["Location"]).content.decode()
    assert '<html lang="ja"' in code_step
    assert "コード" in code_step
    assert 'href="/members/verify/?next=%2Fmembers%2F&amp;lang=vi"' in code_step


@pytest.mark.django_db
def test_the_password_reset_keeps_the_language_picked(member):
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    login = client.get("/members/login/?lang=en").content.decode()
    assert 'href="/members/password-reset/?lang=en"' in login
    assert '<html lang="en"' in client.get("/members/password-reset/?lang=en").content.decode()
    response = client.post("/members/password-reset/?lang=en", {"email": member.email})
    assert response["Location"] == "/members/password-reset/sent/?lang=en"
    assert '<html lang="en"' in client.get(response["Location"]).content.decode()
    assert not response.cookies


@pytest.mark.django_db
def test_an_unknown_language_leaves_the_browsers():
    html = Client(HTTP_ACCEPT_LANGUAGE="ko").get("/members/login/?lang=xx").content.decode()
    assert '<html lang="ko"' in html


@pytest.mark.django_db
def test_once_logged_in_the_accounts_language_wins(member):
    keep_language(member, "vi")
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    log_in(client, member)
    assert '<html lang="vi"' in client.get("/members/?lang=en").content.decode()
