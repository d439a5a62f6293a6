"""Keep the public pages and the members' inboxes in step with the events staff publish.

The public events index shows public events: a change clears the page cache,
once the change is committed. Publishing an event for the first time emails
its audience; publishing a translation emails nobody (it is for reading only).
Deleting the Japanese original deletes its translations, which nobody could reach
without it. A user whose second factor was reset loses her calendar feed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from core import cache
from events.announcements import announce
from events.models import CalendarFeed, Event
from members.signals import second_factor_reset


@receiver(published, sender=Event)
def event_published(sender, instance, **kwargs):
    cache.invalidate_after_commit()
    # Wagtail also sends this when publishing is only scheduled: announce what is live.
    if instance.live and instance.is_original:
        announce(instance)


@receiver(unpublished, sender=Event)
@receiver(post_delete, sender=Event)
def event_withdrawn(sender, **kwargs):
    cache.invalidate_after_commit()


@receiver(post_delete, sender=Event)
def delete_translations_with_original(sender, instance, **kwargs):
    if not instance.is_original:
        return
    from wagtail_localize.models import TranslationSource

    Event.objects.filter(translation_key=instance.translation_key).delete()
    TranslationSource.objects.filter(
        object_id=instance.translation_key,
        specific_content_type=ContentType.objects.get_for_model(Event),
    ).delete()


@receiver(second_factor_reset)
def drop_calendar_feed(sender, user, **kwargs):
    CalendarFeed.objects.filter(user=user).delete()
