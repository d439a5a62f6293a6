"""The email to an event's audience, sent once: when the event is first published.

It says what, when and where, and links to the event in the members area;
never the online meeting link or the materials, which stay behind the login.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from events.models import EventAnnouncement
from mail.outbox import email_users


def announce(event):
    """Queue one email per member of the audience, unless the event was announced before.

    Returns how many were queued. An event that has already started is marked
    announced without emails: nobody can come any more.
    """
    with transaction.atomic():
        _announcement, first = EventAnnouncement.objects.get_or_create(event_id=event.pk)
        if not first or event.start <= timezone.now():
            return 0
        return email_users(
            event.audience_users().exclude(email="").order_by("pk"),
            lambda: _("New event: %(title)s") % {"title": event.title},
            "events/emails/event_published.txt",
            {"event": event, "link": absolute_url(reverse("events:event", args=[event.pk]))},
            default_language=settings.LANGUAGE_CODE,
        )
