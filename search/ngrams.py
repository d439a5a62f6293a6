"""Character bigrams for scripts written without spaces between words.

SQLite's FTS5 and PostgreSQL's parser split text at spaces and punctuation
only, so 「相談窓口があります」 is one long token and 「相談」 never matches it.
Runs of Chinese characters, kana and Hangul are therefore also indexed as
overlapping pairs of characters (相談 談窓 窓口 口が …), and a query is cut the
same way: 「窓口」 is the pair 窓口, 「相談窓口」 the pairs 相談 談窓 窓口, all of
which must be present. Measured against a morphological analyser and the
plain backend in docs/search.md; the pairs stay readable words, so they work
with any Wagtail search backend.
"""

import re

from search.text import WORD, base_text, normalize, reading_text, unaccent

# Han (with 々〆), hiragana, katakana (with ー) and Hangul: scripts whose words
# are not separated by spaces, or (Korean) carry their particles attached.
CJK_RUN = re.compile(
    "[\u3005\u3006\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"
)

# Devanagari (Nepali) to Sinhala: WORD and SQLite's FTS5 cut their words at vowel
# signs (सम्बन्ध → सम बन ध), PostgreSQL's parser does not; the pieces are indexed
# too, so that a query's pieces match on both.
INDIC = re.compile("[\u0900-\u0dff]")


def split_runs(word):
    """(is_cjk, run) pieces of one word: 「dv相談」 → (False, 'dv'), (True, '相談')."""
    position = 0
    for match in CJK_RUN.finditer(word):
        if match.start() > position:
            yield False, word[position : match.start()]
        yield True, match.group()
        position = match.end()
    if position < len(word):
        yield False, word[position:]


def query_runs(text):
    """What a reader typed, as (is CJK, run) in normal form: the one reading of a query
    that the index (``query_terms``), field search and snippets all share."""
    for word in WORD.findall(normalize(text)):
        yield from split_runs(word)


def bigrams(run):
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


class CJKBigrams:
    """What is indexed beside the text, and what a query is turned into.

    ``unigrams`` also indexes every character alone, so that one-character
    words (夫, 家) match anywhere; it triples the size of the Japanese index.
    """

    def __init__(self, unigrams=False):
        self.unigrams = unigrams

    def cjk_index_terms(self, run):
        if self.unigrams and len(run) > 1:
            return bigrams(run) + list(run)
        return bigrams(run)

    def index_terms(self, text):
        """Terms the backend would not find in ``text`` by itself.

        Bigrams of CJK runs, Latin words glued to them (「DV相談」 → dv), and
        words whose normal form differs from what was written (ＤＶ, bạo).
        Easy Japanese readings are indexed too, so that 「そうだん」 finds 「{相談|そうだん}」.
        """
        terms = []
        for source in (base_text(text), reading_text(text)):
            for written in WORD.findall(source):
                for word in WORD.findall(normalize(written)):
                    runs = list(split_runs(word))
                    if any(is_cjk for is_cjk, _run in runs):
                        for is_cjk, run in runs:
                            terms += self.cjk_index_terms(run) if is_cjk else [unaccent(run)]
                    elif unaccent(word) != written.lower() or INDIC.search(word):
                        terms.append(unaccent(word))
        return terms

    def query_terms(self, text):
        """The terms a page must contain to match ``text``, in order, without repeats."""
        terms = []
        for is_cjk, run in query_runs(text):
            terms += bigrams(run) if is_cjk else [unaccent(run)]
        return list(dict.fromkeys(terms))


# The analyser the site uses (measured in docs/search.md); scripts/search_relevance.py
# swaps in others to compare them.
ANALYZER = CJKBigrams(unigrams=True)
