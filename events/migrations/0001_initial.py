"""Events move here from the members app: the tables keep their names and rows.

Only Django's idea of which app holds the models changes (state operations),
and the content types are renamed in place, so revisions, log entries and
permissions that point at them follow.
"""

import core.files
import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MODELS = ["event", "eventannouncement", "eventmaterial", "eventresponse", "calendarfeed"]


def _rename(apps, old, new):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _rename(apps, "members", "events")


def move_content_types_back(apps, schema_editor):
    _rename(apps, "events", "members")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('members', '0003_invitation_password_set_at'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Event',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('title', models.CharField(help_text='Shown in emails and calendars. Never put names or details of a case in the title.', max_length=200, verbose_name='title')),
                        ('kind', models.CharField(choices=[('representatives', "Representatives' meeting"), ('practitioners', "Practitioners' meeting"), ('case', 'Case meeting'), ('lecture', 'Lecture'), ('training', 'Training session'), ('other', 'Other')], max_length=20, verbose_name='kind')),
                        ('audience', models.CharField(choices=[('public', 'Public (also shown on the public site)'), ('members', 'All members'), ('representatives', "Those who attend the representatives' meeting"), ('practitioners', "Those who attend the practitioners' meeting"), ('invitees', 'Named invitees only')], default='members', help_text='Who sees the event and is emailed when it is first published. Staff set who attends which meeting under Meeting attendance. Case meetings are for named invitees only.', max_length=20, verbose_name='audience')),
                        ('start', models.DateTimeField(verbose_name='starts')),
                        ('end', models.DateTimeField(verbose_name='ends')),
                        ('venue', models.CharField(blank=True, max_length=200, verbose_name='venue')),
                        ('address', models.TextField(blank=True, verbose_name='address')),
                        ('online_url', models.URLField(blank=True, help_text='Shown only to the audience, in the members area. Never emailed.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='online meeting link')),
                        ('agenda', wagtail.fields.RichTextField(blank=True, verbose_name='agenda')),
                        ('rsvp_deadline', models.DateTimeField(blank=True, help_text='Optional. Answers are closed anyway once the event has started.', null=True, verbose_name='answers close')),
                        ('invitees', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Only for an audience of named invitees.', related_name='invited_events', to=settings.AUTH_USER_MODEL, verbose_name='invitees')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                    ],
                    options={
                        'verbose_name': 'event',
                        'verbose_name_plural': 'events',
                        'db_table': 'members_event',
                        'ordering': ['-start'],
                    },
                ),
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'calendar feed',
                        'verbose_name_plural': 'calendar feeds',
                        'db_table': 'members_calendarfeed',
                    },
                ),
                migrations.CreateModel(
                    name='EventAnnouncement',
                    fields=[
                        ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='announcement', serialize=False, to='events.event')),
                        ('announced_at', models.DateTimeField(auto_now_add=True, verbose_name='announced')),
                    ],
                    options={
                        'verbose_name': 'event announcement',
                        'verbose_name_plural': 'event announcements',
                        'db_table': 'members_eventannouncement',
                    },
                ),
                migrations.CreateModel(
                    name='EventMaterial',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(help_text='PDF, Office or OpenDocument files, images, MP4 or WebM videos, plain text.', upload_to=core.files.upload_to, validators=[core.files.validate_member_file], verbose_name='file')),
                        ('content_type', models.CharField(editable=False, max_length=100, verbose_name='content type')),
                        ('size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size in bytes')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('event', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='materials', to='events.event')),
                    ],
                    options={
                        'verbose_name': 'material',
                        'verbose_name_plural': 'materials',
                        'db_table': 'members_eventmaterial',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='EventResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('attending', models.BooleanField(verbose_name='attending')),
                        ('people', models.PositiveSmallIntegerField(default=0, help_text='0 when not attending.', verbose_name='number of people')),
                        ('answered_at', models.DateTimeField(auto_now=True, verbose_name='answered')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='events.event')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_responses', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'answer to an event',
                        'verbose_name_plural': 'answers to events',
                        'db_table': 'members_eventresponse',
                    },
                ),
                migrations.AddIndex(
                    model_name='event',
                    index=models.Index(fields=['live', 'audience', 'start'], name='members_eve_live_a93eff_idx'),
                ),
                migrations.AddConstraint(
                    model_name='eventresponse',
                    constraint=models.UniqueConstraint(fields=('event', 'user'), name='one_answer_per_event'),
                ),
                migrations.AddConstraint(
                    model_name='eventresponse',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('attending', True), ('people__gte', 1), ('people__lte', 20)), models.Q(('attending', False), ('people', 0)), _connector='OR'), name='people_match_answer'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
