import datetime
from unittest import mock

from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError
from django.urls import resolve
from django.utils import timezone

from core import access
from mail.models import OutgoingEmail


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert not response.cookies


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


# Readiness: /healthz/ready


def ready(client):
    response = client.get("/healthz/ready")
    lines = dict(line.split(": ") for line in response.content.decode().splitlines())
    return response, lines


def queue_email(age):
    email = OutgoingEmail.objects.create(to="someone@example.jp", subject="s", body="b")
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - age)
    return email


def test_readiness_answers_ok_when_everything_answers(client, db):
    response, lines = ready(client)
    assert response.status_code == 200, response.content
    assert lines == {"database": "ok", "cache": "ok", "storage": "ok", "mail_queue": "ok"}
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert client.head("/healthz/ready").status_code == 200


def test_readiness_is_public_and_only_reads():
    assert access.access_level(resolve("/healthz/ready").func) == access.PUBLIC
    assert resolve("/healthz/ready").url_name == "readiness"


def test_readiness_refuses_writes(client, db):
    assert client.post("/healthz/ready").status_code == 405


def test_readiness_names_the_database_when_it_does_not_answer(client, db):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response, lines = ready(client)
    assert response.status_code == 503
    assert lines["database"] == "failed"
    assert lines["cache"] == lines["storage"] == "ok"


SECRET_IN_ERROR = "redis://:hunter2-password@10.0.0.7:6379/0"


def test_readiness_names_the_cache_when_it_does_not_answer(client, db):
    with mock.patch("portal.views.cache.set", side_effect=ConnectionError(SECRET_IN_ERROR)):
        response, lines = ready(client)
    assert response.status_code == 503
    assert lines == {"database": "ok", "cache": "failed", "storage": "ok", "mail_queue": "ok"}
    assert b"hunter2" not in response.content
    assert b"10.0.0.7" not in response.content


def test_readiness_names_the_cache_when_it_loses_what_was_stored(client, db):
    with mock.patch("portal.views.cache.get", return_value=None):
        response, lines = ready(client)
    assert response.status_code == 503
    assert lines["cache"] == "failed"


def test_readiness_is_outside_the_page_cache(client, db, settings):
    """A broken cache is reported as a failed check, not raised by the page cache's middleware."""
    settings.PAGE_CACHE_SECONDS = 600
    with mock.patch.object(LocMemCache, "get", side_effect=ConnectionError(SECRET_IN_ERROR)):
        response, lines = ready(client)
    assert response.status_code == 503
    assert lines["cache"] == "failed"
    # And an answer is never kept: the next one sees the new state.
    assert ready(client)[0].status_code == 200
    queue_email(datetime.timedelta(hours=1))
    assert ready(client)[0].status_code == 503


def test_readiness_names_the_storage_when_it_does_not_answer(client, db):
    with mock.patch(
        "portal.views.default_storage.exists", side_effect=OSError("AccessDenied key-id secret")
    ):
        response, lines = ready(client)
    assert response.status_code == 503
    assert lines == {"database": "ok", "cache": "ok", "storage": "failed", "mail_queue": "ok"}
    assert b"secret" not in response.content


def test_readiness_fails_when_a_queued_email_waits_too_long(client, db):
    queue_email(datetime.timedelta(minutes=16))
    response, lines = ready(client)
    assert response.status_code == 503
    assert lines == {"database": "ok", "cache": "ok", "storage": "ok", "mail_queue": "failed"}
    assert b"example.jp" not in response.content


def test_readiness_ignores_sent_and_recent_emails(client, db):
    sent = queue_email(datetime.timedelta(days=2))
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    queue_email(datetime.timedelta(minutes=14))
    response, lines = ready(client)
    assert response.status_code == 200
    assert lines["mail_queue"] == "ok"


def test_readiness_mail_queue_age_is_a_setting(client, db, settings):
    queue_email(datetime.timedelta(minutes=5))
    settings.MAIL_QUEUE_MAX_AGE = 60
    assert ready(client)[1]["mail_queue"] == "failed"
    settings.MAIL_QUEUE_MAX_AGE = 3600
    assert ready(client)[1]["mail_queue"] == "ok"
