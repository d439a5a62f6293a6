"""The database away (restarting, unreachable): a 503 that says nothing was saved.

A sign-up sent while PostgreSQL restarts must not meet a bare error: the reader
learns that nothing was kept and that she can send it again in a minute. The
page reads nothing from the database, no cache keeps it, and it has the quick
exit and the emergency number like every page of the site.
``scripts/fault_postgres.py`` (``make faults``) restarts a real PostgreSQL
under load; here the failure is a database error raised inside the request.
"""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from home.models.settings import DEFAULT_QUICK_EXIT_URL


@pytest.fixture
def reader(pages):
    return Client(raise_request_exception=False)


def database_away(error):
    return mock.patch.object(CursorWrapper, "execute", side_effect=error)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server failed: the database system is starting up"),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.django_db
def test_a_page_asked_for_while_the_database_is_away_says_so(reader, error, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with database_away(error):
        response = reader.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    html = response.content.decode()
    assert "nothing was saved" in html
    assert "何も保存されていません" in html
    assert f'id="quick-exit" href="{DEFAULT_QUICK_EXIT_URL}"' in html
    assert 'href="tel:110"' in html


@pytest.mark.django_db
def test_an_application_sent_while_the_database_is_away_keeps_nothing_and_says_so(reader):
    from members.models import Application

    form = reader.get("/en/join/apply/")
    assert form.status_code == 200
    with database_away(OperationalError("server closed the connection unexpectedly")):
        response = reader.post("/en/join/apply/", {"name": "Hidamari", "pledge": "on"})
    assert response.status_code == 503
    assert "send it again" in response.content.decode()
    assert not Application.objects.filter(name="Hidamari").exists()


@pytest.mark.django_db
def test_any_other_failure_is_the_generic_error_page_and_not_kept(reader):
    with mock.patch.object(CursorWrapper, "execute", side_effect=RuntimeError("a bug")):
        response = reader.get("/en/")
    assert response.status_code == 500
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "nothing was saved" not in html
    assert 'id="quick-exit"' in html
