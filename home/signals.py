"""Clear the anonymous page cache whenever something readers see changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import cache


def _affects_readers(instance):
    return isinstance(instance, Page | BaseGenericSetting | Site | Locale)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    cache.invalidate()


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, **kwargs):
    if _affects_readers(instance):
        cache.invalidate()
