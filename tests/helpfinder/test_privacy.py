"""Nothing a reader chooses is stored, logged, cached or put in a URL."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.views.debug import SafeExceptionReporterFilter

from .helpers import answers_on, choose, given_answers, main_part

URL = "/en/help-finder/"
JOURNEY = ("Myself", "Violence or abusive words from a partner or family member", "No", "Japanese")


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_no_cookie_and_no_csrf_token_at_any_step(reader, db):
    response = reader.get(URL)
    assert not response.cookies
    for n in range(1, len(JOURNEY) + 1):
        response = choose(reader, URL, *JOURNEY[:n])
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not reader.cookies


def test_the_csrf_exemption_is_this_page_type_only(reader, db):
    assert reader.post("/en/faq/", {"answer": "x"}).status_code == 403
    assert reader.post(URL, {"answer": "x"}).status_code == 200


def test_nothing_is_written_to_the_database(reader, db):
    before = row_counts()
    response = choose(reader, URL, *JOURNEY)
    reader.post(URL, {"answer": given_answers(response), "back": "1"})
    assert row_counts() == before
    assert not Session.objects.exists()


def test_no_step_may_be_stored_by_the_browser(reader, db):
    assert "no-store" in reader.get(URL)["Cache-Control"]
    response = choose(reader, URL, *JOURNEY[:2])
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_answers_never_reach_the_page_cache(reader, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    reader.get(URL)
    keys_before = set(cache._cache)  # the test settings' local-memory cache
    first = choose(reader, URL, *JOURNEY[:2])
    assert set(cache._cache) == keys_before
    again = reader.post(URL, {"answer": given_answers(first)})
    assert "X-Page-Cache" not in again
    assert again.content == first.content


def test_answers_stay_out_of_urls(reader, db, finder):
    response = choose(reader, URL, *JOURNEY)
    content = response.content.decode()
    for form in re.findall(r"<form\b[^>]*>.*?</form>", content, re.S):
        if 'name="answer"' in form:
            assert 'method="post"' in form
            assert f'action="{finder["en"].url}"' in form
    ids = given_answers(response)
    for href in re.findall(r'href="([^"]*)"', content):
        assert "?" not in href or "answer" not in href
        assert not any(answer_id in href for answer_id in ids)


def test_answers_are_not_logged(reader, db, caplog):
    caplog.set_level(logging.DEBUG)
    response = choose(reader, URL, *JOURNEY)
    reader.post(URL, {"answer": ["tampered", "x" * 40]})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for answer_id in given_answers(response):
        assert answer_id not in logged
    for label in JOURNEY:
        assert label not in logged
    assert "tampered" not in logged


def test_error_reports_would_hide_the_answers(reader, db):
    response = choose(reader, URL, *JOURNEY[:2])
    request = response.wsgi_request
    hidden = SafeExceptionReporterFilter().get_post_parameters(request)
    assert set(hidden) == {"answer"}
    assert all(
        value == SafeExceptionReporterFilter.cleansed_substitute for value in hidden.values()
    )


@pytest.mark.parametrize(
    "data",
    [
        {"answer": "not-an-answer"},
        {"answer": ["x"] * 50},
        {"answer": "'; DROP TABLE wagtailcore_page; --"},
        {"something": "else"},
    ],
)
def test_bad_or_tampered_answers_calmly_start_again(reader, db, data):
    response = reader.post(URL, data)
    assert response.status_code == 200
    assert "Myself" in answers_on(response)
    assert given_answers(response) == []
    assert "error" not in main_part(response).lower()


def test_answers_to_the_wrong_question_start_again(reader, db):
    later = answers_on(choose(reader, URL, "Myself"))["Money, housing or work"]
    response = reader.post(URL, {"answer": [later]})
    assert "Myself" in answers_on(response)
