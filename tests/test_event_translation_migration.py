"""Events made before they were translatable migrate as Japanese originals, each with a key."""

import datetime
import textwrap

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.test_layout_migration import fresh_database  # noqa: F401 (a fixture)
from tests.test_settings import shell

BEFORE = ("events", "0001_initial")


def before_targets():
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] != "events"] + [BEFORE]


def fill():
    apps = MigrationExecutor(connection).loader.project_state(before_targets()).apps
    event_model = apps.get_model("events", "Event")
    start = timezone.now() + datetime.timedelta(days=3)
    return [
        event_model.objects.create(
            title=title,
            kind="lecture",
            audience="public",
            start=start,
            end=start + datetime.timedelta(hours=2),
        ).pk
        for title in ("講演会", "代表者会議")
    ]


def check(pks):
    from events.models import Event

    events = list(Event.objects.filter(pk__in=pks).select_related("locale"))
    assert len(events) == 2
    assert {event.locale.language_code for event in events} == {"ja"}
    assert len({event.translation_key for event in events}) == 2
    assert sorted(Event.objects.originals().filter(pk__in=pks).values_list("pk", flat=True)) == (
        sorted(pks)
    )


SCRIPT = textwrap.dedent(
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from tests import test_event_translation_migration as this
    from tests import test_layout_migration as layout

    layout.migrate(this.before_targets())
    pks = this.fill()
    layout.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    this.check(pks)
    print("every event is a Japanese original")
    """
)


def test_existing_events_become_japanese_originals(fresh_database):  # noqa: F811
    output = shell(
        SCRIPT, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=fresh_database
    )
    assert "every event is a Japanese original" in output
