"""Searching the library: Wagtail's search index, plus words inside longer text.

Japanese has no spaces between words, so what a member types is often part of
a longer word (「相談」 in 「相談窓口」). The database search backend matches
whole words only, so titles and descriptions are also matched by substring:
the library is small enough for that.
"""

import re

from django.db.models import Q
from wagtail.search.backends import get_search_backend

from resources.models import Resource

MAX_QUERY_LENGTH = 100
# Enough for any real library; bounds the query that follows.
MAX_INDEX_HITS = 500
# Quotes, brackets and operators mean something to full-text syntax; a search is words only.
NOT_A_WORD = re.compile(r"[^\w\s]+")


def clean_query(text):
    return " ".join(NOT_A_WORD.sub(" ", text or "").split())[:MAX_QUERY_LENGTH]


def search(queryset, query):
    """The resources of ``queryset`` that match every word of ``query``."""
    words = clean_query(query).split()
    if not words:
        return queryset
    indexed = get_search_backend().search(
        " ".join(words), Resource.objects.only("pk"), operator="and"
    )[:MAX_INDEX_HITS]
    inside = Q()
    for word in words:
        inside &= Q(title__icontains=word) | Q(description__icontains=word)
    return queryset.filter(Q(pk__in=[hit.pk for hit in indexed]) | inside)
