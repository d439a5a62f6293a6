"""The email to an event's audience, sent once: when the event is first published.

It says what, when and where, and links to the event in the members area;
never the online meeting link or the materials, which stay behind the login.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.emails import preferred_languages, queue_email
from members.models import EventAnnouncement


def preferred_language(user):
    return preferred_languages([user], settings.LANGUAGE_CODE)[user.pk]


def announce(event):
    """Queue one email per member of the audience, unless the event was announced before.

    Returns how many were queued. An event that has already started is marked
    announced without emails: nobody can come any more.
    """
    with transaction.atomic():
        _announcement, first = EventAnnouncement.objects.get_or_create(event_id=event.pk)
        if not first or event.start <= timezone.now():
            return 0
        users = list(event.audience_users().exclude(email="").order_by("pk"))
        languages = preferred_languages(users, settings.LANGUAGE_CODE)
        link = settings.WAGTAILADMIN_BASE_URL + reverse("members:event", args=[event.pk])
        for user in users:
            with translation.override(languages[user.pk]):
                queue_email(
                    user.email,
                    _("New event: %(title)s") % {"title": event.title},
                    render_to_string(
                        "members/emails/event_published.txt",
                        {"event": event, "user": user, "link": link},
                    ),
                )
    return len(users)
