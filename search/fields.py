"""Field search: the public search's matching and order, for models outside Wagtail's index.

Members' events and courses are not indexed, and the library's index has no
character pairs (search.indexing), so 「相談」 would not find 「相談窓口カード」
through the backend. Here the query becomes the same terms as in
search.query (search.ngrams: 相談窓口 → 相談 談窓 窓口), each looked for with
``icontains`` in the given fields, and the matches are put in the same tiers
(search.ranking). Meant for the few hundred rows a member may see: one query
for every term, one more for any term, each of at most ``query.CANDIDATES``
rows.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import Q

from search import ngrams
from search.query import CANDIDATES, Ranked, tiered
from search.text import unaccent


def needles(text):
    """{term: the spellings that count as it}: the terms of ``search.query.build``, in order.

    Accents are looked for as typed and without (bạo, bao): the database holds
    the text as written, not in search.text's normal form.
    """
    found = {}
    for is_cjk, run in ngrams.query_runs(text):
        for term in ngrams.bigrams(run) if is_cjk else [run]:
            found.setdefault(unaccent(term), set()).update({term, unaccent(term)})
    return found


def _holds(spellings, fields):
    """An object with one of the spellings in one of its fields."""
    return reduce(
        or_, (Q(**{f"{field}__icontains": s}) for s in sorted(spellings) for field in fields)
    )


def matching(queryset, text, fields):
    """The objects of ``queryset`` holding every term of ``text`` in one of ``fields``.

    Unordered, and a queryset still, for lists that filter, count and page
    what was found (the library's own box); ``search`` ranks the same matches.
    """
    terms = needles(text)
    if not terms:
        return queryset
    return queryset.filter(reduce(and_, (_holds(s, fields) for s in terms.values())))


def search(queryset, text, fields, title_field="title"):
    """The objects of ``queryset`` whose ``fields`` hold the terms of ``text``, best first.

    Ordered as ``search.query.search`` orders pages; within a tier, in the
    queryset's order. Load only the fields needed on ``queryset`` beforehand.
    """
    terms = needles(text)
    if not terms:
        return Ranked()
    held = [_holds(spellings, fields) for spellings in terms.values()]
    searches = [list(matching(queryset, text, fields)[:CANDIDATES])]
    if len(held) > 1 and len(searches[0]) < CANDIDATES:
        searches.append(list(queryset.filter(reduce(or_, held))[:CANDIDATES]))
    return tiered(searches, list(terms), title_field)
