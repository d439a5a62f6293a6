"""What the members app tells others, and what it does when organizations change.

The public roster shows organizations: a change clears the page cache, once
the change is committed, so no request caches the page again from data about
to change.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from core import cache
from members.models import Organization

# Sent when staff reset a user's second factor (a lost phone): every app drops
# the ways in it keeps for that user (e.g. the private calendar feed's address).
second_factor_reset = Signal()  # sender: the user model; user=


@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def organization_changed(sender, **kwargs):
    cache.invalidate_after_commit()
