"""From what a reader typed to ranked Wagtail search results, for any indexed model.

    cleaned = clean(request.GET.get("q", ""))
    found = search(MyModel.objects.all(), cleaned.text, title_field="name")

The model must index ``search.indexing.term_fields()`` for words inside
Japanese, Chinese and Korean text to be found.
"""

import unicodedata
from dataclasses import dataclass

from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from search import ngrams, postgres_fts, ranking, sqlite_fts

MAX_QUERY_LENGTH = 100
# Enough for any real query on this site; bounds the work one query can cause.
CANDIDATES = 200


class Ranked(list):
    """Matching objects, best first, as ``Found`` records (not model instances).

    ``complete``: some object had every term.
    """

    complete = False


class Found:
    """One match: its ``pk``, its title field and the ``only`` fields, as ``values()`` gives them.

    Ranking reads up to ``CANDIDATES`` matches a search and shows ten: records
    cost a fraction of model instances (a Page's ``__init__`` sets up its
    clusters), and what is shown is loaded for the shown ones only
    (search.views.results_for).
    """

    def __init__(self, values):
        self.__dict__.update(values)

    def __repr__(self):
        return f"<Found {self.__dict__}>"


@dataclass(frozen=True)
class Cleaned:
    text: str
    truncated: bool = False


def clean(raw):
    """What was typed, as one line of printable text of at most MAX_QUERY_LENGTH characters."""
    kept = []
    for char in str(raw or "")[:10_000]:
        category = unicodedata.category(char)
        if category == "Cf":
            continue  # zero-width joiners and marks: part of the word around them
        kept.append(" " if category[0] in "CZ" else char)
    text = " ".join("".join(kept).split())
    if len(text) > MAX_QUERY_LENGTH:
        return Cleaned(text[:MAX_QUERY_LENGTH].rstrip(), truncated=True)
    return Cleaned(text)


def build(text, operator="and"):
    """A Wagtail query matching objects with all (or any) of the terms of ``text``, or None.

    The terms are plain words and bigrams (search.ngrams): quotes, brackets
    and operators typed by the reader never reach the database.
    """
    terms = ngrams.ANALYZER.query_terms(text)
    if not terms:
        return None
    return PlainText(" ".join(terms), operator=operator)


def _ranked_pks(backend, queryset, built_queries, partial_titles=None):
    """For each query, the pks of its first CANDIDATES matches in ``queryset``, best first.

    On PostgreSQL every query is answered by one statement (search.postgres_fts);
    ``partial_titles`` (one flag a query) says which look for pages whose titles have
    some of the words before those with all words in the text only.
    """
    if not built_queries:
        return []
    if postgres_fts.handles(backend):
        return postgres_fts.ranked_pks_many(
            backend, queryset, built_queries, CANDIDATES, partial_titles
        )
    if sqlite_fts.handles(backend):
        return [sqlite_fts.ranked_pks(backend, queryset, b, CANDIDATES) for b in built_queries]
    return [
        [obj.pk for obj in backend.search(built, queryset)[:CANDIDATES]] for built in built_queries
    ]


def _records(queryset, pks, title_field, only):
    """{pk: Found} of the objects of ``queryset`` among ``pks``, in one query."""
    if not pks:
        return {}
    rows = queryset.order_by().filter(pk__in=pks).values("pk", title_field, *only)
    return {row["pk"]: Found(row) for row in rows}


def search(queryset, text, backend=None, title_field="title", only=()):
    """The objects matching ``text``, best first (search.ranking), as ``Found`` records.

    Up to two searches through Wagtail's backend, one for every term and one
    for any term, of at most CANDIDATES results each (on SQLite and
    PostgreSQL, each in one query of the backend's index: search.sqlite_fts,
    search.postgres_fts), then one query for the titles (and ``only`` fields)
    of what they found.
    """
    return search_many(queryset, [text], backend, title_field, only)[0]


def search_many(
    queryset, texts, backend=None, title_field="title", only=(), alternatives_from=None
):
    """``search`` for each of ``texts``, in as few queries as for one.

    The every-term searches of all texts in one go (one statement on
    PostgreSQL), then the any-term searches of those that need one, then one
    query for the records of all: a search with its synonyms
    (search.synonyms) costs no more queries than a search without.

    The texts from ``alternatives_from`` on are other words for the first (synonyms):
    their results weigh less; they are searched for pages with all their words only
    (no any-term search), and on PostgreSQL without the pages whose titles hold only
    some of the words (the statement's costliest part on a large site,
    search.postgres_fts), which would come before the others.
    """
    backend = backend or get_search_backend()
    every = [build(text, "and") for text in texts]
    terms = [built.query_string.split() if built else [] for built in every]
    wanted = [n for n, built in enumerate(every) if built is not None]
    own = len(texts) if alternatives_from is None else alternatives_from
    partial_titles = [n < own for n in wanted]
    found = {
        n: [pks]
        for n, pks in zip(
            wanted,
            _ranked_pks(backend, queryset, [every[n] for n in wanted], partial_titles),
            strict=True,
        )
    }
    # With a full list of objects holding every term, those with some come too far down;
    # and a synonym's words are not looked for one by one (「泊まる場所」: every page with
    # 場所), only the reader's own.
    more = [n for n in wanted if n < own and len(terms[n]) > 1 and len(found[n][0]) < CANDIDATES]
    any_term = [build(texts[n], "or") for n in more]
    for n, pks in zip(more, _ranked_pks(backend, queryset, any_term), strict=True):
        found[n].append(pks)
    all_pks = {pk for searches in found.values() for pks in searches for pk in pks}
    records = _records(queryset, all_pks, title_field, only)
    results = []
    for n in range(len(texts)):
        if n not in found:
            results.append(Ranked())
            continue
        searches = [[records[pk] for pk in pks if pk in records] for pks in found[n]]
        results.append(tiered(searches, terms[n], title_field))
    return results


def tiered(searches, terms, title_field="title"):
    """The results of the every-term and any-term searches, in search.ranking's tiers.

    Shared by the pages' search here and the field search (search.fields).
    """
    seen, tiers = set(), ([], [], [])
    for tier, results in enumerate(searches, start=1):
        for obj in results:
            if obj.pk in seen:
                continue
            seen.add(obj.pk)
            title = getattr(obj, title_field)
            in_title = ranking.terms_in_title(title, terms)
            if in_title == len(terms):
                tiers[0].append((ranking.title_length(title), obj))
            else:
                tiers[tier].append((-in_title, obj))
    for tier in tiers:
        tier.sort(key=lambda item: item[0])  # stable: the search's order among equals
    ranked = Ranked(obj for tier in tiers for _key, obj in tier)
    ranked.complete = bool(searches[0])
    return ranked
