"""The public roster shows organizations: a change to one clears the page cache.

Every save goes through here (admin edits, approvals, deactivation, the
members' own profile form), once the change is committed, so no request
caches the page again from data that is about to change.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from members.models import Organization
from portal import cache


@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def organization_changed(sender, **kwargs):
    transaction.on_commit(cache.invalidate)
