"""What the site records about people is deleted once kept long enough (manage.py apply_retention)."""

import datetime
import threading
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core import retention
from mail.models import OutgoingEmail
from resources.models import Download
from search.models import ZeroResultQuery
from tests.auth import make_user
from tests.resources.factories import make_resource

NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def outgoing(age_days, **fields):
    email = OutgoingEmail.objects.create(to="h@example.jp", subject="s", body="b", **fields)
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=days_ago(age_days))
    return email.pk


@pytest.fixture
def periods(settings):
    settings.RETENTION_MAIL_DAYS = 30
    settings.RETENTION_DOWNLOAD_DAYS = 730
    settings.RETENTION_AUDIT_DAYS = 365
    settings.RETENTION_SEARCH_DAYS = 365
    return settings


@pytest.mark.django_db
def test_old_mail_goes_sent_or_not_and_recent_mail_stays(periods):
    old_sent = outgoing(31, sent_at=days_ago(31))
    old_unsent = outgoing(40)
    recent = outgoing(29)
    deleted = retention.apply(NOW)
    assert deleted["queued mail"] == 2
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent}
    assert not OutgoingEmail.objects.filter(pk__in=[old_sent, old_unsent]).exists()


@pytest.mark.django_db
def test_downloads_are_kept_two_years_then_deleted(periods, django_user_model):
    resource = make_resource(title="相談カード")
    user = make_user(django_user_model, "reader")
    old = Download.objects.create(resource=resource, user=user, created_at=days_ago(731))
    kept = Download.objects.create(resource=resource, user=user, created_at=days_ago(700))
    retention.apply(NOW)
    assert list(Download.objects.filter(pk__in=[old.pk, kept.pk]).values_list("pk", flat=True)) == [
        kept.pk
    ]


@pytest.mark.django_db
def test_account_audit_rows_go_after_a_year_but_editorial_history_stays(periods, django_user_model):
    user = make_user(django_user_model, "hanako")
    login = ModelLogEntry.objects.log_action(user, "members.login", user=user)
    recent_login = ModelLogEntry.objects.log_action(user, "members.login", user=user)
    edit = ModelLogEntry.objects.log_action(user, "wagtail.edit", user=user)
    ModelLogEntry.objects.filter(pk__in=[login.pk, edit.pk]).update(timestamp=days_ago(400))
    retention.apply(NOW)
    remaining = set(
        ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("pk", flat=True)
    )
    assert login.pk not in remaining
    assert {recent_login.pk, edit.pk} <= remaining


@pytest.mark.django_db
def test_searches_that_found_nothing_go_after_a_year(periods):
    ZeroResultQuery.objects.create(query="古い", language_code="ja", date=days_ago(366).date())
    ZeroResultQuery.objects.create(query="新しい", language_code="ja", date=days_ago(10).date())
    retention.apply(NOW)
    assert list(ZeroResultQuery.objects.values_list("query", flat=True)) == ["新しい"]


@pytest.mark.django_db
def test_a_shorter_period_set_by_the_operator_applies(periods):
    periods.RETENTION_MAIL_DAYS = 7
    outgoing(8)
    recent = outgoing(6)
    retention.apply(NOW)
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [recent]


@pytest.mark.django_db
def test_the_command_reports_each_rule_and_deletes_in_batches(periods, monkeypatch, capsys):
    monkeypatch.setattr(retention, "BATCH_SIZE", 2)
    for _ in range(5):
        outgoing(60)
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "queued mail: 5 deleted" in out
    assert "downloads:" in out and "account audit:" in out
    assert not OutgoingEmail.objects.exists()


def apply_waiting_for_locks(attempts=100):
    """retention.apply, run again while another run holds a table lock of the test database.

    The in-memory SQLite test database shares one cache between connections, where
    a writer meets another's table lock at once ("database table is locked")
    instead of waiting for it as on a database file or PostgreSQL. A run that
    meets it has deleted nothing (its delete is rolled back) and simply runs again.
    """
    for _ in range(attempts - 1):
        try:
            return retention.apply(NOW)
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.05)
    return retention.apply(NOW)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_delete_each_row_once_and_both_finish(periods):
    for _ in range(30):
        outgoing(60)
    results, errors = [], []

    def run():
        try:
            results.append(apply_waiting_for_locks()["queued mail"])
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == 30
    assert not OutgoingEmail.objects.exists()
