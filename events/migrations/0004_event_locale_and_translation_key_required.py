"""Every event has a locale and a translation key, unique together (TranslatableMixin)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0003_event_locale_and_translation_key_filled")]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="event",
            unique_together={("translation_key", "locale")},
        ),
    ]
