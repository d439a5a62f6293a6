"""Events for tests: published through Wagtail's revisions, as editors publish them."""

import datetime

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from events.models import AnnouncementConfirmation, Event, EventAudience, EventKind, EventMaterial
from members.models import Membership
from tests.auth import make_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_event(*, publish=True, confirmed=True, invitees=(), materials=(), days=10, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    values = {
        "title": "テスト会議",
        "kind": EventKind.OTHER,
        "audience": EventAudience.MEMBERS,
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "venue": "上尾市役所",
        "address": "埼玉県上尾市本町3-1-1",
        "agenda": "<p>議題</p>",
        **fields,
    }
    event = Event(live=False, **values)
    for title, content in materials:
        event.materials.add(EventMaterial(title=title, file=ContentFile(content, name="m.bin")))
    event.save()
    if invitees:
        event.invitees.set(invitees)
        event.save()
    if confirmed:
        # As staff do in the admin before the first publishing: else nobody is emailed.
        AnnouncementConfirmation.objects.create(event=event, recipients=0)
    if publish:
        event.save_revision().publish()
        event.refresh_from_db()
    return event


def make_member(django_user_model, username, organization, **flags):
    user = make_user(django_user_model, username, organization=organization)
    if flags:
        Membership.objects.filter(user=user).update(**flags)
        user.refresh_from_db()
    return user


def english_client():
    """Members' pages follow the browser's language: tests read them in English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
