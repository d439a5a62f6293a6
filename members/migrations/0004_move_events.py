"""Events now belong to the events app (events.0001): only Django's state changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0003_invitation_password_set_at'),
        ('events', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='event',
                    name='invitees',
                ),
                migrations.RemoveField(
                    model_name='event',
                    name='latest_revision',
                ),
                migrations.RemoveField(
                    model_name='event',
                    name='live_revision',
                ),
                migrations.RemoveField(
                    model_name='eventresponse',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='eventannouncement',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='eventmaterial',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='eventresponse',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='CalendarFeed',
                ),
                migrations.DeleteModel(
                    name='EventAnnouncement',
                ),
                migrations.DeleteModel(
                    name='Event',
                ),
                migrations.DeleteModel(
                    name='EventMaterial',
                ),
                migrations.DeleteModel(
                    name='EventResponse',
                ),
            ],
        ),
    ]
