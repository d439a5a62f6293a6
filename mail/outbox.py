"""The mail queue: every email is stored first, then sent, and retried until it goes.

``queue_email`` saves an ``OutgoingEmail`` in the caller's transaction, so the
email exists exactly when what it is about does. After the commit, and every
minute from ``send_queued_emails``, ``send_due_emails`` sends what is due; a
failure is recorded and tried again later, with a growing pause.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from core.furigana import base_text
from mail.models import OutgoingEmail

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
MAX_BACKOFF = datetime.timedelta(hours=1)
# An email being sent is put this far into the future first, so two processes
# never send it twice; if the sender dies, the email is simply due again later.
CLAIM_FOR = datetime.timedelta(minutes=10)
# A stuck mail server must not hold the sender for long.
DEFAULT_TIMEOUT = 10


def queue_email(to, subject, body):
    """Store an email in the current transaction.

    In production (``MAIL_SEND_AFTER_COMMIT`` off) the periodic
    ``send_queued_emails`` job sends it, so no request waits for the mail
    server; in development and tests it is tried once the transaction commits.
    """
    # A subject is one line: a line break in it (from a name someone typed) would
    # make every sending attempt fail.
    # Email is plain text: easy Japanese's furigana ({漢字|かんじ}) is read as 漢字.
    subject = " ".join(base_text(str(subject)).split())[:300]
    email = OutgoingEmail.objects.create(to=to, subject=subject, body=base_text(str(body)))
    if settings.MAIL_SEND_AFTER_COMMIT:
        transaction.on_commit(send_due_emails)
    return email


def preferred_languages(users, default):
    """Each user's language as kept on their account, by user id; else ``default``.

    One preference a person: Wagtail's ``UserProfile.preferred_language``, chosen
    in the members area (its language switcher, the account page) or in the
    admin's account settings. Emails and the members' pages both read it.
    """
    known = dict(settings.LANGUAGES)
    chosen = dict(
        UserProfile.objects.filter(user__in=users).values_list("user_id", "preferred_language")
    )
    return {
        user.pk: chosen.get(user.pk) if chosen.get(user.pk) in known else default for user in users
    }


def preferred_language(user, default=None):
    """``user``'s kept language; ``default`` (the site's language if None) until one is chosen."""
    return preferred_languages([user], settings.LANGUAGE_CODE if default is None else default)[
        user.pk
    ]


def email_users(users, subject, template, context, *, default_language):
    """Queue an email to each of ``users`` in the language they chose in their account.

    ``subject`` is a callable, called in that language; the template gets
    ``user`` too. Users without an address are skipped. Returns how many were queued.
    """
    users = [user for user in users if user.email]
    languages = preferred_languages(users, default_language)
    for user in users:
        with translation.override(languages[user.pk]):
            queue_email(
                user.email, subject(), render_to_string(template, {**context, "user": user})
            )
    return len(users)


def email_staff(permission, subject, template, context):
    """Queue an email to each active user holding ``permission`` (superusers too).

    Each gets it in the language they chose for the admin (``email_users``).
    """
    users = get_user_model().objects.with_perm(
        permission, backend="django.contrib.auth.backends.ModelBackend"
    )
    return email_users(
        users,
        subject,
        template,
        context,
        default_language=settings.WAGTAILADMIN_DEFAULT_LANGUAGE,
    )


def backoff(attempts):
    """The pause after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def send_due_emails(limit=BATCH_SIZE, progress=None):
    """Send every unsent email whose time has come. Returns how many went; never raises.

    ``progress`` wraps the emails in a bar (core.progress) when run by hand.
    """
    try:
        return _send_due(limit, progress or list)
    except Exception:
        logger.exception("Sending queued emails failed; they stay queued.")
        return 0


def _send_due(limit, progress):
    now = timezone.now()
    due = OutgoingEmail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)
    claimed = [email for email in due.order_by("next_attempt_at", "pk")[:limit] if _claim(email)]
    if not claimed:
        return 0
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT)
    try:
        connection.open()
    except Exception as error:
        # The server cannot be reached: no use trying each email in turn.
        for email in claimed:
            _record_failure(email, error)
        return 0
    sent = 0
    try:
        for email in progress(claimed):
            try:
                send_mail(email.subject, email.body, None, [email.to], connection=connection)
            except Exception as error:
                _record_failure(email, error)
            else:
                _record_success(email)
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the mail connection failed.", exc_info=True)
    return sent


def _claim(email):
    """Take an email for this process; False if another process took it first."""
    claimed = OutgoingEmail.objects.filter(
        pk=email.pk, sent_at__isnull=True, next_attempt_at=email.next_attempt_at
    ).update(next_attempt_at=timezone.now() + CLAIM_FOR)
    return claimed == 1


def _record_success(email):
    # The body may hold a one-time invitation link: once delivered, it is not kept.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        sent_at=timezone.now(), attempts=email.attempts + 1, last_error="", body=""
    )


def _record_failure(email, error):
    attempts = email.attempts + 1
    logger.warning("Email %s not sent (attempt %s): %s", email.pk, attempts, error)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + backoff(attempts),
    )
