"""No cookie for anonymous readers, on any URL the project mounts, forms and errors included.

The page on hiding browsing traces promises it: a reader who only reads,
searches, uses the help finder or sends the sign-up form leaves no cookie on
her phone. The walk asks every URL pattern (the packages' included), every
page in every language, with GET and with POST as a browser sends them, and
the forms with good and bad input.
"""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from tests.auth import PASSWORD
from tests.members.test_access_walk import all_paths, concrete

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# What a browser sends with a form it posts to the site it is on.
SAME_SITE = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def reader():
    """A browser-like client: Django checks CSRF for it as for a real reader."""
    return Client(enforce_csrf_checks=True)


def every_url():
    urls = set()
    for path in all_paths():
        url = concrete(path)
        if url.startswith("/ja/"):
            urls |= {url.replace("/ja/", f"/{code}/", 1) for code in LANGUAGES}
        else:
            urls.add(url)
    return sorted(urls)


def assert_no_cookie(client, response, what):
    assert not response.cookies, f"{what} sets {sorted(response.cookies)}"
    assert not client.cookies, f"{what} left {sorted(client.cookies)}"


@pytest.mark.django_db
def test_no_url_pattern_sets_a_cookie_for_an_anonymous_reader():
    urls = every_url()
    assert "/members/login/" in urls and "/vi/join/apply/" in urls and "/sitemap.xml" in urls
    assert any(url.startswith("/admin/") for url in urls)
    for url in urls:
        client = reader()
        assert_no_cookie(client, client.get(url), f"GET {url}")
        client = reader()
        assert_no_cookie(client, client.post(url, {"x": "1"}, **SAME_SITE), f"POST {url}")


@pytest.mark.django_db
def test_no_page_in_any_language_sets_a_cookie(pages):
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1) if page.url]
    assert len({url.split("/")[1] for url in urls}) == len(LANGUAGES)
    for url in urls:
        client = reader()
        assert_no_cookie(client, client.get(url), f"GET {url}")
        assert_no_cookie(client, client.get(url + "?page=2"), f"GET {url}?page=2")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_up_form_and_its_errors_set_no_cookie(language, pledge):
    url = f"/{language}/join/apply/"
    client = reader()
    form = client.get(url)
    assert form.status_code == 200
    assert_no_cookie(client, form, f"GET {url}")
    with_errors = client.post(url, {"name": "", "email": "not an address"}, **SAME_SITE)
    assert with_errors.status_code == 200  # shown again with its errors, nothing lost
    assert 'name="email"' in with_errors.content.decode()
    assert "not an address" in with_errors.content.decode()
    assert_no_cookie(client, with_errors, f"POST {url} with errors")


@pytest.mark.django_db
def test_a_failed_login_and_a_password_reset_set_no_cookie(member):
    client = reader()
    assert_no_cookie(client, client.get("/members/login/"), "the login page")
    wrong = client.post(
        "/members/login/",
        {"username": "member", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
        **SAME_SITE,
    )
    assert "not right" in wrong.content.decode()
    assert_no_cookie(client, wrong, "a failed login")
    assert_no_cookie(client, client.get("/members/verify/"), "the code page without a login")
    reset = client.post("/members/password-reset/", {"email": "nobody@example.jp"}, **SAME_SITE)
    assert reset.status_code == 302
    assert_no_cookie(client, reset, "a password reset")


@pytest.mark.django_db
def test_the_password_step_starts_the_only_cookie_a_member_gets(member):
    """The positive control: the walk would see a cookie if one were set."""
    client = reader()
    response = client.post(
        "/members/login/", {"username": "member", "password": PASSWORD}, **SAME_SITE
    )
    assert response.status_code == 302
    assert set(response.cookies) == {settings.SESSION_COOKIE_NAME}


@pytest.mark.django_db
def test_searching_and_the_help_finder_set_no_cookie(pages):
    client = reader()
    for language in LANGUAGES:
        assert_no_cookie(client, client.get(f"/{language}/search/?q=相談"), f"search {language}")
    url = pages["en"]["help-finder"].url
    response = client.post(url, {"answer": "who-myself"}, **SAME_SITE)
    assert response.status_code == 200
    assert_no_cookie(client, response, "the help finder")


@pytest.mark.django_db
def test_a_page_that_does_not_exist_sets_no_cookie(db):
    for url in ("/en/no-such-page/", "/members/no-such-view/", "/documents/999/x.pdf"):
        client = reader()
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_cookie(client, response, f"GET {url}")
