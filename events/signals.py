"""Keep the public pages and the members' inboxes in step with the events staff publish.

The public events index shows public events: a change clears the page cache,
once the change is committed. Publishing an event for the first time emails
its audience; publishing a translation emails nobody (it is for reading only). A user whose second factor was reset loses her calendar feed.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from core import cache
from events.announcements import announce
from events.models import CalendarFeed, Event
from members.signals import second_factor_reset


@receiver(published, sender=Event)
def event_published(sender, instance, **kwargs):
    transaction.on_commit(cache.invalidate)
    # Wagtail also sends this when publishing is only scheduled: announce what is live.
    if instance.live and instance.is_original:
        announce(instance)


@receiver(unpublished, sender=Event)
@receiver(post_delete, sender=Event)
def event_withdrawn(sender, **kwargs):
    transaction.on_commit(cache.invalidate)


@receiver(second_factor_reset)
def drop_calendar_feed(sender, user, **kwargs):
    CalendarFeed.objects.filter(user=user).delete()
