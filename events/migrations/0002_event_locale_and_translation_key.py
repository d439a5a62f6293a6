"""Events become translatable (wagtail-localize), so public lectures can be read in every language.

The locale and translation key are added empty here, filled in 0003 and made
required in 0004: a default would give every row the same key. Three
migrations, so that on PostgreSQL no table is altered in the transaction
that updates its rows.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
