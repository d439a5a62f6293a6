from django.db import migrations

EDITOR_GROUPS = ["Editors", "Moderators"]  # created by Wagtail's own migrations


def grant(apps, schema_editor):
    # Django makes permissions after all migrations have run; this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="search", model="zeroresultquery"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_zeroresultquery",
        defaults={"name": "Can view search that found nothing"},
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="search", codename="view_zeroresultquery"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
