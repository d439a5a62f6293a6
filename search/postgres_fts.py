"""Ranked searches on PostgreSQL in one query that the GIN indexes serve.

Why: modelsearch's PostgreSQL backend (Wagtail 8.0) filters on
``title || body``, a tsvector built for every indexed row of the queryset, so
neither GIN index on the index table serves and every page's vectors are
read and concatenated; it then computes ``ts_rank`` on both vectors of every
match before keeping the best ``query.CANDIDATES``. On 10,000 pages
「夫からの暴力」 took 650 ms (docs/benchmark.md).

Here the same index entries, the same tsquery and the same rank are used,
but the match is ``title @@ q OR body @@ q`` (a BitmapOr of the two GIN
indexes), and the rank is computed for the pages that can come first: see
``ranked``. The plan is in docs/search.md ("PostgreSQL at scale").

When it can go: once modelsearch matches each vector on its own and cuts
before ranking; ``query.search`` then calls ``backend.search`` on every
backend.
"""

# ruff: noqa: S608  (the SQL text holds only SQL compiled by Django; every value is a parameter)

from django.db import connections, router
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks


def handles(backend):
    """Whether ``backend`` is Wagtail's database backend on PostgreSQL."""
    index_entry = get_app_config().get_model("IndexEntry")
    if connections[router.db_for_read(index_entry)].vendor != "postgresql":
        return False
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    return isinstance(backend, PostgresSearchBackend)


# The GIN index of search/migrations/0003: lexemes of the boosted fields only.
# The terms of a page's title (search.indexing.TITLE_TERMS, boost 2) weigh "B"
# in the body vector (the title itself is in the title vector).
TITLE_WEIGHTS = "{a,b}"
INTEGER_PKS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def _object_filter(queryset):
    """SQL keeping index entries of ``queryset``'s objects: each entry looks its object up by pk."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    if queryset.model._meta.pk.get_internal_type() in INTEGER_PKS:
        # Entries of these content types all have integer ids: the objects'
        # primary key index serves, and only the matches are looked up.
        return "e.object_id::bigint", f"e.object_id::bigint IN ({sql})", params
    return "e.object_id", f"e.object_id IN (SELECT _pk::text FROM ({sql}) AS _pks (_pk))", params


def _tsquery(backend, queryset, query, connection):
    """The backend's own tsquery for ``query``, as SQL and parameters."""
    index_entry = get_app_config().get_model("IndexEntry")
    compiler = backend.query_compiler_class(queryset, query)
    tsquery = compiler.build_tsquery(query, config=compiler.get_config(backend))
    entries = index_entry.objects.all().query
    return tsquery.resolve_expression(entries).as_sql(
        entries.get_compiler(connection=connection), connection
    )


class _Statement:
    """SQL text with its parameters, appended in order."""

    def __init__(self):
        self.parts, self.params = [], []

    def add(self, sql, *params):
        self.parts.append(sql)
        self.params.extend(params)
        return self


def ranked_ids(backend, queryset, query, limit):
    """The ids (as stored in the index) of the first ``limit`` matches, best first.

    One statement, that matches like the backend (``title || body @@ q``) and
    ranks like it, but finds through the GIN indexes and ranks few:

    1. ``title_hits``: entries whose title terms or title match the query
       (the GIN index on ``ts_filter(body, '{a,b}')`` and the one on
       ``title``), at most ``limit``: they rank above the others, so more
       could not come first;
    2. ``mixed_hits`` (every-term queries of several words only): entries
       whose title has some of the words and whose title and body together
       have all, found through the index on ``title``;
    3. ``text_hits``: entries matching in their body (the GIN index on
       ``body``), as many as make ``2 * limit`` candidates with the others
       (none once there are ``limit`` hits in titles);
    4. the candidates ordered by where they matched, then modelsearch's own
       rank (``ts_rank`` of title and body, its weights and title norm),
       then newest object first, as the backend does.

    Each part stops at its ``LIMIT``: the work does not grow with the
    number of pages that match, and ``ts_rank`` reads the vectors of at most
    ``2 * limit`` pages.
    """
    connection = _connection()
    sql, params = _statement(backend, queryset, query, limit, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _connection():
    return connections[router.db_for_read(get_app_config().get_model("IndexEntry"))]


def _statement(backend, queryset, query, limit, connection, partial_titles=True):
    """The SQL and parameters of ``ranked_ids``' statement; without ``mixed_hits``
    unless ``partial_titles``."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.query import PlainText

    index_entry = get_app_config().get_model("IndexEntry")
    q_sql, q_params = _tsquery(backend, queryset, query, connection)
    object_key, in_objects, object_params = _object_filter(queryset)
    content_types = list(get_descendants_content_types_pks(queryset.model))
    table = connection.ops.quote_name(index_entry._meta.db_table)
    words = getattr(query, "query_string", "").split()
    mixed = (
        partial_titles
        and isinstance(query, PlainText)
        and query.operator == "and"
        and len(words) > 1
    )

    def hits(condition, *condition_params):
        return (
            f"SELECT e.id FROM {table} e WHERE ({condition}) "
            f"AND e.content_type_id = ANY(%s) AND {in_objects}",
            [*condition_params, content_types, *object_params],
        )

    statement = _Statement()
    sql, params = hits(
        f"ts_filter(e.body, '{TITLE_WEIGHTS}') @@ {q_sql} OR e.title @@ {q_sql}",
        *q_params,
        *q_params,
    )
    statement.add(f"WITH title_hits AS MATERIALIZED ({sql} LIMIT %s)", *params, limit)
    found = ["title_hits"]
    # Room left for candidates: none once the title hits fill the first ``limit``.
    room = "(SELECT CASE WHEN count(*) >= %s THEN 0 ELSE %s - count(*) END FROM ({}) AS _found)"
    if mixed:
        any_sql, any_params = _tsquery(
            backend, queryset, PlainText(query.query_string, operator="or"), connection
        )
        sql, params = hits(
            f"e.title @@ {any_sql} AND (e.title || e.body) @@ {q_sql}", *any_params, *q_params
        )
        statement.add(
            f", mixed_hits AS MATERIALIZED ({sql} AND e.id NOT IN (SELECT id FROM title_hits) "
            f"LIMIT {room.format('SELECT id FROM title_hits')})",
            *params,
            limit,
            2 * limit,
        )
        found.append("mixed_hits")
    so_far = " UNION ALL ".join(f"SELECT id FROM {name}" for name in found)
    sql, params = hits(f"e.body @@ {q_sql}", *q_params)
    statement.add(
        f", text_hits AS MATERIALIZED ({sql} AND e.id NOT IN ({so_far}) "
        f"LIMIT {room.format(so_far)})",
        *params,
        limit,
        2 * limit,
    )
    found.append("text_hits")
    candidates = " UNION ALL ".join(
        f"SELECT id, {len(found) - n} AS place FROM {name}" for n, name in enumerate(found)
    )
    weights = get_sql_weights()
    statement.add(
        f"SELECT e.object_id FROM {table} e JOIN ({candidates}) AS c ON c.id = e.id "
        f"ORDER BY c.place DESC, ts_rank(%s::float4[], e.title, {q_sql}) * e.title_norm "
        f"+ ts_rank(%s::float4[], e.body, {q_sql}) DESC, {object_key} DESC LIMIT %s",
        weights,
        *q_params,
        weights,
        *q_params,
        limit,
    )
    return " ".join(statement.parts), statement.params


def ranked_pks_many(backend, queryset, queries, limit, partial_titles=None):
    """For each of ``queries``, the pks of its first ``limit`` matches, best first: one statement.

    Each query's statement (``ranked_ids``) becomes one array of the row
    (``ARRAY(subquery)`` keeps the subquery's order), so the searches for a
    text and for its synonyms (search.synonyms) are one round trip to the
    database, each still planned on its own.
    """
    connection = _connection()
    columns, params = [], []
    partial_titles = partial_titles or [True] * len(queries)
    for query, partial in zip(queries, partial_titles, strict=True):
        sql, query_params = _statement(backend, queryset, query, limit, connection, partial)
        columns.append(f"ARRAY({sql})")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        arrays = cursor.fetchone()
    to_python = queryset.model._meta.pk.to_python
    return [[to_python(object_id) for object_id in ids] for ids in arrays]


def ranked(backend, queryset, query, limit):
    """The first ``limit`` objects of ``queryset`` matching ``query``, best first."""
    to_python = queryset.model._meta.pk.to_python
    pks = [to_python(object_id) for object_id in ranked_ids(backend, queryset, query, limit)]
    found = queryset.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]
