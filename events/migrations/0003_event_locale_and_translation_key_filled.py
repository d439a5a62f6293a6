"""Existing events are the Japanese originals: the default locale and a key of their own."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def set_locale_and_key(apps, schema_editor):
    locale_model = apps.get_model("wagtailcore", "Locale")
    event_model = apps.get_model("events", "Event")
    if not event_model.objects.filter(translation_key__isnull=True).exists():
        return
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = locale_model.objects.get_or_create(language_code=code)
    for pk in event_model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True):
        event_model.objects.filter(pk=pk).update(locale=locale, translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("events", "0002_event_locale_and_translation_key")]

    operations = [migrations.RunPython(set_locale_and_key, migrations.RunPython.noop)]
