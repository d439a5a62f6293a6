"""The email to an event's audience, sent once: when the event is first published.

Nothing is sent until staff have seen who it goes to and confirmed it
(``confirm``): publishing without that, in the admin or anywhere else, emails
nobody. The email says what, when and where, and links to the event in the
members area; never the online meeting link or the materials, which stay
behind the login.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import AnnouncementConfirmation, EventAnnouncement
from mail.outbox import email_users

CONFIRM_ACTION = "events.confirm_announcement"


def recipients(event):
    """Who the announcement of ``event`` (or of a revision of it) would go to."""
    return event.audience_users().exclude(email="")


def needs_confirmation(event):
    """Whether publishing ``event`` would email people that staff have not confirmed."""
    if not event.is_original or event.start <= timezone.now() or event.pk is None:
        return False
    if EventAnnouncement.objects.filter(event_id=event.pk).exists():
        return False
    if AnnouncementConfirmation.objects.filter(event_id=event.pk).exists():
        return False
    return recipients(event).exists()


def audience_summary(event):
    """How many people would be emailed, and how many in each organization (staff apart)."""
    rows = (
        recipients(event)
        .values("membership__organization__name")
        .annotate(people=Count("pk"))
        .order_by("membership__organization__name")
    )
    organizations = [
        (row["membership__organization__name"], row["people"])
        for row in rows
        if row["membership__organization__name"]
    ]
    staff = sum(row["people"] for row in rows if not row["membership__organization__name"])
    return {
        "count": sum(people for _name, people in organizations) + staff,
        "organizations": organizations,
        "staff": staff,
    }


def confirm(event, user, count):
    """Record that ``user`` agreed to email the audience (``count`` people when shown)."""
    AnnouncementConfirmation.objects.get_or_create(
        event_id=event.pk, defaults={"confirmed_by": user, "recipients": count}
    )


def announce(event):
    """Queue one email per member of the audience, if confirmed and not announced before.

    Returns how many were queued. An event that has already started is marked
    announced without emails: nobody can come any more.
    """
    with transaction.atomic():
        if not AnnouncementConfirmation.objects.filter(event_id=event.pk).exists():
            return 0
        _announcement, first = EventAnnouncement.objects.get_or_create(event_id=event.pk)
        if not first or event.start <= timezone.now():
            return 0
        return email_users(
            recipients(event).order_by("pk"),
            lambda: _("New event: %(title)s") % {"title": event.title},
            "events/emails/event_published.txt",
            {"event": event, "link": event.members_url()},
            default_language=settings.LANGUAGE_CODE,
        )
