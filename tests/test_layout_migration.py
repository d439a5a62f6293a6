"""A database of the layout before events and mail had apps of their own migrates intact.

Built with the migrations as they were (members 0003, no events or mail app),
filled through the models of that time, then migrated to today's layout: every
row is found through today's models, and what points at a content type (a
revision, a log entry, a permission) points at the moved model.
"""

import os
import secrets
import textwrap
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.test_settings import shell

# main before the move: members at 0003, no events or mail app yet.
OLD_LAYOUT = {
    "members": "0003_invitation_password_set_at",
    "events": None,
    "mail": None,
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def old_layout_targets():
    graph = MigrationExecutor(connection).loader.graph
    targets = [node for node in graph.leaf_nodes() if node[0] not in OLD_LAYOUT]
    return targets + list(OLD_LAYOUT.items())


def old_layout_state():
    """The models as they were: what existed at the old layout's migrations."""
    nodes = [target for target in old_layout_targets() if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def fill(apps):
    """One of each moved row, made through the models of the old layout."""
    now = timezone.now()
    user = apps.get_model("auth", "User").objects.create(username="hanako", email="h@example.jp")
    organization = apps.get_model("members", "Organization").objects.create(
        name="相談の会", kind="npo", email="kai@example.jp"
    )
    event_model = apps.get_model("members", "Event")
    event = event_model.objects.create(
        title="代表者会議",
        kind="representatives",
        audience="invitees",
        start=now + timezone.timedelta(days=3),
        end=now + timezone.timedelta(days=3, hours=2),
    )
    # A ParentalManyToManyField keeps .add() until the cluster is saved: write the row itself.
    event_model.invitees.through.objects.create(event=event, user=user)
    apps.get_model("members", "EventResponse").objects.create(
        event=event, user=user, attending=True, people=2
    )
    apps.get_model("members", "EventAnnouncement").objects.create(event=event)
    apps.get_model("members", "EventMaterial").objects.create(
        event=event, title="資料", file="member-files/agenda.pdf", content_type="application/pdf"
    )
    apps.get_model("members", "CalendarFeed").objects.create(user=user, token_hash="f" * 64)
    apps.get_model("members", "OutgoingEmail").objects.create(
        to="h@example.jp", subject="ご案内", body="本文"
    )
    # What points at a content type: a revision, a log entry, a permission in a group.
    content_types = apps.get_model("contenttypes", "ContentType")
    event_type, _ = content_types.objects.get_or_create(app_label="members", model="event")
    mail_type, _ = content_types.objects.get_or_create(app_label="members", model="outgoingemail")
    apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=event_type,
        base_content_type=event_type,
        object_id=str(event.pk),
        object_str=event.title,
        created_at=now,
        content={"title": event.title},
    )
    apps.get_model("wagtailcore", "ModelLogEntry").objects.create(
        content_type=event_type,
        object_id=str(event.pk),
        label=event.title,
        action="members.export_responses",
        timestamp=now,
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=event_type, codename="change_event", defaults={"name": "Can change event"}
    )
    group = apps.get_model("auth", "Group").objects.create(name="事務局")
    group.permissions.add(permission)
    return {"event": event.pk, "organization": organization.pk, "mail_type": mail_type.pk}


def check_the_migrated_rows(made):
    """Every row of ``fill`` found through today's models."""
    from django.contrib.auth.models import Group
    from wagtail.models import ModelLogEntry, Revision

    from events.models import CalendarFeed, Event, EventAnnouncement, EventMaterial, EventResponse
    from mail.models import OutgoingEmail
    from members.models import Organization

    event = Event.objects.get(pk=made["event"])
    assert event.title == "代表者会議"
    assert [user.username for user in event.invitees.all()] == ["hanako"]
    assert EventResponse.objects.get(event=event).people == 2
    assert EventAnnouncement.objects.filter(event=event).exists()
    assert EventMaterial.objects.get(event=event).file.name == "member-files/agenda.pdf"
    assert CalendarFeed.objects.get(user__username="hanako").token_hash == "f" * 64
    assert OutgoingEmail.objects.get().subject == "ご案内"
    assert Organization.objects.get(pk=made["organization"]).name == "相談の会"

    event_type = ContentType.objects.get_for_model(Event)
    assert (event_type.app_label, event_type.model) == ("events", "event")
    assert not ContentType.objects.filter(app_label="members", model="event").exists()
    assert ContentType.objects.get(pk=made["mail_type"]).app_label == "mail"
    revision = Revision.objects.get(object_id=str(event.pk), content_type=event_type)
    assert revision.content_object == event
    assert ModelLogEntry.objects.get(content_type=event_type).object_id == str(event.pk)
    group = Group.objects.get(name="事務局")
    assert [p.content_type.app_label for p in group.permissions.all()] == ["events"]


# Run by manage.py shell in a fresh process, on a database of its own.
SCRIPT = textwrap.dedent(
    """
    from django.db.migrations.executor import MigrationExecutor
    from django.db import connection
    from tests import test_layout_migration as layout

    layout.migrate(layout.old_layout_targets())
    made = layout.fill(layout.old_layout_state())
    layout.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    layout.check_the_migrated_rows(made)
    print("every row found")
    """
)


@pytest.fixture
def fresh_database():
    """A database URL of its own: SQLite in memory, or a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield "sqlite://:memory:"
        return
    name = f"layout_{secrets.token_hex(4)}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_database_of_the_old_layout_migrates_with_every_row(fresh_database):
    output = shell(
        SCRIPT, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=fresh_database
    )
    assert "every row found" in output
