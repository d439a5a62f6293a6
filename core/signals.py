"""Clear the page cache whenever what readers see, or who may see it, changes.

Always after the commit: a request between the change and the commit would
otherwise cache the old page again.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import cache

# Saving or deleting one of these changes what a page shows or who may see it.
AFFECTS_READERS = (
    Page,
    PageViewRestriction,
    CollectionViewRestriction,
    Collection,
    BaseGenericSetting,
    BaseSiteSetting,
    Site,
    Locale,
    Redirect,  # a cached 404 or redirect must follow an edited redirect
)


def clear_after_commit():
    cache.invalidate_after_commit()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    clear_after_commit()


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, **kwargs):
    if isinstance(instance, AFFECTS_READERS):
        clear_after_commit()


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def groups_changed(sender, **kwargs):
    clear_after_commit()
