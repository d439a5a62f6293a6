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
    """Matching objects, best first, with only their pk, title and ``only`` fields loaded.

    ``complete``: some object had every term.
    """

    complete = False


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


def _ranked(backend, queryset, built):
    if sqlite_fts.handles(backend):
        return sqlite_fts.ranked(backend, queryset, built, CANDIDATES)
    if postgres_fts.handles(backend):
        return postgres_fts.ranked(backend, queryset, built, CANDIDATES)
    return list(backend.search(built, queryset)[:CANDIDATES])


def search(queryset, text, backend=None, title_field="title", only=()):
    """The objects matching ``text``, best first (search.ranking).

    Up to two searches through Wagtail's backend, one for every term and one
    for any term, of at most CANDIDATES results each (on SQLite and
    PostgreSQL, each in one query of the backend's index and one for the
    objects: search.sqlite_fts, search.postgres_fts).
    """
    backend = backend or get_search_backend()
    every = build(text, "and")
    if every is None:
        return Ranked()
    terms = every.query_string.split()
    light = queryset.only("pk", title_field, *only)
    searches = [_ranked(backend, light, every)]
    if len(terms) > 1 and len(searches[0]) < CANDIDATES:
        # With a full list of pages holding every term, those with some come too far down.
        searches.append(_ranked(backend, light, build(text, "or")))
    return tiered(searches, terms, title_field)


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
