"""The public roster shows organizations: a change to one clears the page cache."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from members.models import Organization
from portal import cache


@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def organization_changed(sender, **kwargs):
    cache.invalidate()
