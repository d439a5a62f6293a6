"""The mail queue now belongs to the mail app (mail.0001): only Django's state changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mail', '0001_initial'),
        ('members', '0004_move_events'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='OutgoingEmail',
                ),
            ],
        ),
    ]
