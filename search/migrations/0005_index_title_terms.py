"""On PostgreSQL, a GIN index of the boosted lexemes of each index entry's body.

The pages' title terms (search.indexing.TITLE_TERMS) are stored in the body
vector with the title's weight; search.postgres_fts finds the pages whose
title holds the query through this index without reading any body vector.
Built concurrently, so that a running site keeps indexing while it is made.
Nothing on other databases.
"""

from django.db import migrations

INDEX = "search_indexentry_title_terms_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.postgres_fts import TITLE_WEIGHTS

    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON {table} "
        f"USING gin (ts_filter(body, '{TITLE_WEIGHTS}'))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [
        ("search", "0004_editors_keep_search_words"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
