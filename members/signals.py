"""Keep the public pages and the members' inboxes in step with what staff change.

The public roster shows organizations and the public events index shows
public events: a change to either clears the page cache, once the change is
committed, so no request caches the page again from data about to change.
Publishing an event for the first time emails its audience.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from core import cache
from members.announcements import announce
from members.models import Event, Organization


@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def organization_changed(sender, **kwargs):
    transaction.on_commit(cache.invalidate)


@receiver(published, sender=Event)
def event_published(sender, instance, **kwargs):
    transaction.on_commit(cache.invalidate)
    # Wagtail also sends this when publishing is only scheduled: announce what is live.
    if instance.live:
        announce(instance)


@receiver(unpublished, sender=Event)
@receiver(post_delete, sender=Event)
def event_withdrawn(sender, **kwargs):
    transaction.on_commit(cache.invalidate)
