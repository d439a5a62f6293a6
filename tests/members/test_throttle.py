"""Login failures are counted per account and per address; behind a proxy, the address the
proxy saw, which a client cannot choose by writing its own X-Forwarded-For."""

import pytest
from django.test import Client

from members import security
from members.views.signup import MAX_APPLICATIONS_PER_HOUR
from tests.auth import PASSWORD, make_user
from tests.members.test_signup import form_data


def attempt(username, password, **headers):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        "/members/login/", {"username": username, "password": password}, **headers
    )
    return "Too many failed attempts" in response.content.decode(), response


@pytest.fixture
def accounts(django_user_model, organization, pledge):
    return [make_user(django_user_model, f"user{i}", organization=organization) for i in range(4)]


def test_one_address_guessing_many_accounts_is_stopped(accounts, settings):
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 100
    settings.MEMBERS_MAX_FAILURES_PER_ADDRESS = 6
    for user in accounts[:3]:
        for _ in range(2):
            attempt(user.username, "wrong", REMOTE_ADDR="198.51.100.7")
    # Each account has failed twice only; the address six times.
    throttled, response = attempt(accounts[3].username, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert throttled and response.status_code == 200
    throttled, response = attempt(accounts[3].username, PASSWORD, REMOTE_ADDR="198.51.100.8")
    assert not throttled and response.status_code == 302


def test_one_account_guessed_from_many_addresses_is_stopped(accounts, settings):
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 3
    for number in range(3):
        attempt("user0", "wrong", REMOTE_ADDR=f"198.51.100.{number}")
    throttled, _ = attempt("user0", PASSWORD, REMOTE_ADDR="198.51.100.200")
    assert throttled
    throttled, _ = attempt("user1", PASSWORD, REMOTE_ADDR="198.51.100.200")
    assert not throttled


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client wrote 1.2.3.4 itself
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (1, "", "10.0.0.1"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not to be trusted
    ],
)
def test_the_address_is_the_one_the_trusted_proxy_saw(settings, rf, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert security.client_address(request) == expected


def test_behind_the_production_proxy_a_forged_header_changes_nothing(accounts, settings):
    """Production's default of one proxy: the proxy appends the real address last."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.MEMBERS_MAX_FAILURES_PER_HOUR = 100
    settings.MEMBERS_MAX_FAILURES_PER_ADDRESS = 4
    for number in range(4):
        forged = f"192.0.2.{number}, 203.0.113.50"  # a new made-up address each time
        attempt(f"user{number % 4}", "wrong", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    throttled, _ = attempt(
        "user0", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.50"
    )
    assert throttled
    throttled, _ = attempt(
        "user0", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51"
    )
    assert not throttled


def test_sign_ups_behind_the_proxy_are_limited_by_the_real_address(client, pledge, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(MAX_APPLICATIONS_PER_HOUR):
        response = client.post(
            "/en/join/apply/",
            form_data(pledge, name=f"proxy {number}"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.60",
        )
        assert response.status_code == 302
    response = client.post(
        "/en/join/apply/",
        form_data(pledge, name="proxy extra"),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.60",
    )
    assert response.status_code == 429


@pytest.mark.parametrize("language", ["ja", "en", "ko"])
def test_there_is_no_second_login_or_password_page(db, language):
    for url in (
        f"/{language}/_util/login/",
        f"/{language}/_util/authenticate_with_password/1/1/",
        "/documents/authenticate_with_password/1/",
        "/admin/login/",
    ):
        for method in ("get", "post"):
            response = getattr(Client(), method)(url, {"username": "user0", "password": PASSWORD})
            assert response.status_code in (302, 404), url
            if response.status_code == 302:
                assert response["Location"].startswith("/members/login/"), url
            assert not response.cookies, url
