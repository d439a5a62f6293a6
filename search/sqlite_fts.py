"""Ranked searches on SQLite in one query, instead of one query per match.

Why: modelsearch's SQLite backend (Wagtail 8.0) scores results with a
subquery correlated on every matching object, and SQLite runs the full-text
match again for each: 「相談」 took 38 s on a 10,000-page site. Here the same
index, the same match expression and the same ``bm25()`` are used in a
single query ordered by score (24 ms; docs/benchmark.md).

When it can go: once modelsearch ranks SQLite results without the correlated
subquery; ``query.search`` then calls ``backend.search`` on every backend.
"""

from django.db import connections, router
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks


def handles(backend):
    """Whether ``backend`` is Wagtail's database backend on SQLite with FTS5."""
    index_entry = get_app_config().get_model("IndexEntry")
    if connections[router.db_for_read(index_entry)].vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def ranked(backend, queryset, query, limit):
    """The first ``limit`` objects of ``queryset`` matching ``query``, best first."""
    pks = ranked_pks(backend, queryset, query, limit)
    found = queryset.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def ranked_pks(backend, queryset, query, limit):
    """The pks of the first ``limit`` objects of ``queryset`` matching ``query``, best first."""
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression

    fts_entry = get_app_config().get_model("SQLiteFTSIndexEntry")
    compiler = backend.query_compiler_class(queryset, query)
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(query))
    ids = queryset.order_by().annotate(_search_id=Cast("pk", TextField())).values("_search_id")
    object_ids = list(
        fts_entry.objects.filter(match)
        .filter(
            index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
            index_entry__object_id__in=ids,
        )
        .annotate(score=BM25())
        .order_by("score")  # bm25() is lower for better matches
        .values_list("index_entry__object_id", flat=True)[:limit]
    )
    to_python = queryset.model._meta.pk.to_python
    return [to_python(object_id) for object_id in object_ids]
