"""The order of results: pages titled by the query first, then pages with every term.

Used by search.query.tiered.

Wagtail's database backends rank by how often the terms appear in the whole
page (and modelsearch's SQLite ranking lifted any page with a short title),
so a reader searching 「暴力」 met 「外国籍のかたへ」 before
「配偶者やパートナーからの暴力（DV）」. The backend still finds and scores the
pages; here its best ``query.CANDIDATES`` are put in three tiers:

1. the title holds every term of the query, shorter titles first (the more
   of the title the query covers, the more the page is about it),
2. the page holds every term (an "and" search),
3. the page holds some of the terms (an "or" search);

in tiers 2 and 3, titles with more of the terms first, then the backend's order.

Tier 3 also rescues words the backend does not stem (SQLite: "parents" for
"Single-Parent Families").
"""

from functools import lru_cache

from search import ngrams
from search.text import WORD, base_text, normalize, reading_text, unaccent


def same_word(a, b):
    """The same word give or take a short ending: debt/debts, abuse/abused."""
    if a == b:
        return True
    shorter, longer = sorted((len(a), len(b)))
    if shorter < 4 or longer - shorter > 2:
        return False
    # All but the last two letters of the longer word in common.
    return a[: longer - 2] == b[: longer - 2]


@lru_cache(maxsize=16384)
def _title_forms(title):
    """The title's text and words, read without and with its furigana, in normal form:
    the same titles come back in every search (a few hundred candidates each)."""
    forms = []
    for source in dict.fromkeys((base_text(title), reading_text(title))):
        text = unaccent(normalize(source))
        words = WORD.findall(text)
        long_words = by_first_letters(word for word in words if len(word) >= 4)
        forms.append((text, frozenset(words), long_words))
    return tuple(forms)


def by_first_letters(words):
    """``words`` by their first two letters: two words that ``same_word`` takes for one
    (or one the start of the other) always share them, so only those need comparing."""
    grouped = {}
    for word in words:
        grouped.setdefault(word[:2], []).append(word)
    return grouped


def _has_word(term, words, long_words):
    if term in words:
        return True
    return len(term) >= 4 and any(same_word(term, w) for w in long_words.get(term[:2], ()))


def terms_in_title(title, terms):
    """How many of the query terms a title has (read with or without its furigana)."""
    best = 0
    for text, words, long_words in _title_forms(title):
        found = sum(
            1
            for term in terms
            if (
                term in text
                if ngrams.CJK_RUN.fullmatch(term)
                else _has_word(term, words, long_words)
            )
        )
        best = max(best, found)
    return best


def title_length(title):
    return len(normalize(base_text(title)))
