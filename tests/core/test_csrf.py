"""Cross-site posts are refused without a cookie (core.csrf), with one when logged in."""

import pytest
from django.test import Client

from members.models import Application, PledgeVersion
from tests.auth import log_in
from tests.members.test_signup import form_data

from .test_no_cookies import SAME_SITE


def reader():
    return Client(enforce_csrf_checks=True)


def sent(client, **headers):
    data = form_data(PledgeVersion.current(), name="Cross-site check")
    response = client.post("/en/join/apply/", data, **headers)
    return response, Application.objects.filter(name="Cross-site check").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://sub.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/form.html"},
        {},  # a program that says nothing of where the post comes from
    ],
    ids=["cross-site", "sibling-site", "foreign-origin", "null-origin", "foreign-referer", "none"],
)
def test_a_post_from_another_site_is_refused_and_stores_nothing(pledge, headers):
    client = reader()
    response, stored = sent(client, **headers)
    assert response.status_code == 403
    assert not stored
    assert "could not be sent" in response.content.decode()
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        SAME_SITE,
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/en/join/apply/"},
    ],
    ids=["browser", "fetch-metadata-only", "origin-only", "referer-only"],
)
def test_a_post_from_this_site_is_accepted_without_a_cookie(pledge, headers):
    client = reader()
    response, stored = sent(client, **headers)
    assert response.status_code == 302, response.content.decode()[:500]
    assert stored
    assert not response.cookies


@pytest.mark.django_db
def test_with_a_session_the_token_is_needed_too(member, pledge):
    from tests.members.event_factory import make_event

    event = make_event(title="csrf check")
    logged_in = Client()
    log_in(logged_in, member)
    client = Client(enforce_csrf_checks=True)
    client.cookies = logged_in.cookies  # the same browser, now checked as a browser is
    url = f"/members/events/{event.pk}/answer/"
    # The right site, but no token: someone else's page made the browser post.
    refused = client.post(url, {"answer": "yes", "people": "1"}, **SAME_SITE)
    assert refused.status_code == 403
    page = client.get(f"/members/events/{event.pk}/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    accepted = client.post(
        url, {"answer": "yes", "people": "1", "csrfmiddlewaretoken": token}, **SAME_SITE
    )
    assert accepted.status_code == 302
    assert "csrftoken" not in client.cookies  # the secret lives in the session
