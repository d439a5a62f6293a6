"""The mail queue moves here from the members app: same table, same rows; the
content type is renamed in place.
"""

from django.db import migrations, models


def _rename(apps, old, new):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="outgoingemail").exists():
        content_type.objects.filter(app_label=old, model="outgoingemail").update(app_label=new)


def move_content_type(apps, schema_editor):
    _rename(apps, "members", "mail")


def move_content_type_back(apps, schema_editor):
    _rename(apps, "mail", "members")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('members', '0004_move_events'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutgoingEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to', models.EmailField(max_length=254)),
                        ('subject', models.CharField(max_length=300)),
                        ('body', models.TextField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('next_attempt_at', models.DateTimeField(auto_now_add=True)),
                        ('last_error', models.TextField(blank=True)),
                    ],
                    options={
                        'verbose_name': 'outgoing email',
                        'verbose_name_plural': 'outgoing emails',
                        'db_table': 'members_outgoingemail',
                        'indexes': [models.Index(fields=['sent_at', 'next_attempt_at'], name='members_out_sent_at_a79618_idx')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
