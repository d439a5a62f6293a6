"""The mail queue, against a real SMTP server that goes down and comes back."""

import datetime
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from demo.members import build_member_demo
from mail.models import OutgoingEmail
from mail.outbox import _claim, backoff, queue_email, send_due_emails
from members.models import Application, PledgeVersion

from .test_signup import NAME, form_data


class BrokenBackend(BaseEmailBackend):
    """A backend that fails in an unexpected way."""

    def send_messages(self, email_messages):
        raise RuntimeError("mail server is on fire")


class Collector:
    """An aiosmtpd handler keeping what it receives; refuses one address."""

    REFUSED = "nobody@refused.example.jp"

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.REFUSED:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that the test can stop and start again."""
    port = free_port()
    handler = Collector()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5

    class Server:
        controller = None

        def start(self):
            self.controller = Controller(handler, hostname="127.0.0.1", port=port)
            self.controller.start()

        def stop(self):
            self.controller.stop()
            self.controller = None

    server = Server()
    server.handler = handler
    server.start()
    yield server
    if server.controller is not None:
        server.stop()


def make_due():
    OutgoingEmail.objects.filter(sent_at=None).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_backoff_doubles_up_to_an_hour():
    minutes = [backoff(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_an_email_is_sent_only_after_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue_email("a@example.jp", "Hello", "Body")
        assert not mail.outbox
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["a@example.jp"]]
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_an_email_is_not_sent_when_its_transaction_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue_email("a@example.jp", "Hello", "Body")
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert not callbacks
    assert not OutgoingEmail.objects.filter(to="a@example.jp").exists()
    assert not mail.outbox


def test_a_subject_is_one_line(db):
    email = queue_email("a@example.jp", "New application:\r\nBcc: x@example.com", "Body")
    assert email.subject == "New application: Bcc: x@example.com"


def test_a_failure_is_recorded_and_retried_later_without_raising(db, settings):
    settings.EMAIL_BACKEND = "tests.members.test_emails.BrokenBackend"
    email = queue_email("a@example.jp", "Hello", "Body")
    before = timezone.now()
    assert send_due_emails() == 0
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error == "RuntimeError: mail server is on fire"
    assert email.next_attempt_at >= before + datetime.timedelta(seconds=59)
    # Not due yet: nothing is tried.
    assert send_due_emails() == 0
    email.refresh_from_db()
    assert email.attempts == 1

    make_due()
    send_due_emails()
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at >= timezone.now() + datetime.timedelta(seconds=119)


def test_the_command_sends_what_is_due(db):
    queue_email("a@example.jp", "Hello", "Body")
    out = io.StringIO()
    call_command("send_queued_emails", stdout=out)
    assert "1 email(s) sent." in out.getvalue()
    assert [m.to for m in mail.outbox] == [["a@example.jp"]]


def test_a_mail_server_outage_loses_nothing(client, db, smtp, django_capture_on_commit_callbacks):
    build_member_demo()
    pledge = PledgeVersion.current()
    smtp.stop()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/join/apply/", form_data(pledge))
    assert response.status_code == 302
    assert Application.objects.filter(name=NAME).exists()
    email = OutgoingEmail.objects.get(to="hanako@minami.example.jp")
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error  # e.g. ConnectionRefusedError
    assert email.next_attempt_at > timezone.now()
    assert smtp.handler.messages == []

    smtp.start()
    make_due()
    assert send_due_emails() >= 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.last_error == ""
    assert email.attempts == 2
    received = [m for m in smtp.handler.messages if "hanako@minami.example.jp" in m.rcpt_tos]
    assert len(received) == 1
    content = received[0].content.decode()
    assert "Subject: We received your application to the support network" in content


def test_a_refused_recipient_does_not_hold_back_the_others(db, smtp):
    refused = queue_email(Collector.REFUSED, "Hello", "Body")
    accepted = queue_email("someone@example.jp", "Hello", "Body")
    assert send_due_emails() == 1
    refused.refresh_from_db()
    accepted.refresh_from_db()
    assert accepted.sent_at is not None
    assert refused.sent_at is None
    assert "550" in refused.last_error
    assert [m.rcpt_tos for m in smtp.handler.messages] == [["someone@example.jp"]]


def test_an_email_taken_by_another_process_is_not_sent_twice(db):
    email = queue_email("a@example.jp", "Hello", "Body")
    seen_by_both = OutgoingEmail.objects.get(pk=email.pk)
    assert _claim(seen_by_both) is True  # the first process takes it
    assert _claim(seen_by_both) is False  # the second, with the same view, does not
