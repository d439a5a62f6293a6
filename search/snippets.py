"""Titles and snippets of results, with what matched the query in <mark>.

Text is cut into units, one per character, or one per furigana group
({相談|そうだん}), so that easy Japanese keeps its readings as <ruby> and a
highlight never splits a word from its reading. Matching is done on the
normal form (search.text), so ＤＶ highlights dv and bao highlights bạo.
Everything but the markup added here is escaped.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import ngrams
from search.ranking import by_first_letters, same_word
from search.text import RUBY_MARKUP, WORD, normalize, unaccent

SNIPPET_LENGTH = 140  # characters shown around the first match
WINDOW_BEFORE, WINDOW_AFTER = 200, 600  # text looked at closely, around the first match
CONTEXT_BEFORE = 30  # of which, before it
SPACES = re.compile(r"\s+")
HIRAGANA = re.compile("[\u3040-\u309f]+")
# Runs of one script: hiragana, katakana (with ー), or anything else (kanji, Hangul).
SCRIPT_RUN = re.compile("[\u3040-\u309f]+|[\u30a0-\u30ff]+|[^\u3040-\u30ff]+")


def _units(text):
    """[(base, reading or None)] for ``text``, whitespace collapsed."""
    units, position = [], 0
    text = SPACES.sub(" ", text or "").strip()
    for match in RUBY_MARKUP.finditer(text):
        units += [(char, None) for char in text[position : match.start()]]
        units.append((match.group(1), match.group(2)))
        position = match.end()
    units += [(char, None) for char in text[position:]]
    return units


def _query_parts(query):
    """(CJK runs, other words) of the query, in normal form."""
    runs, words = [], []
    for is_cjk, run in ngrams.query_runs(query):
        (runs if is_cjk else words).append(run if is_cjk else unaccent(run))
    return runs, words


@lru_cache(maxsize=8192)
def _fold(text):
    # Called once a character: the same few thousand characters make every page.
    return unaccent(normalize(text))


def _marked(units, query):
    """Indexes of the units that match the query."""
    runs, words = _query_parts(query)
    folded, owner = [], []
    for index, (base, _reading) in enumerate(units):
        for char in _fold(base):
            folded.append(char)
            owner.append(index)
    folded = "".join(folded)
    spans = []
    for run in runs:
        # A phrase not written as such: its words, split where the script changes,
        # without its particles (夫からの暴力 → 夫, 暴力).
        pieces = (
            [run]
            if run in folded
            else [p for p in SCRIPT_RUN.findall(run) if not HIRAGANA.fullmatch(p)]
        )
        for piece in pieces or ngrams.bigrams(run):
            for part in [piece] if piece in folded else ngrams.bigrams(piece):
                spans += [(m.start(), m.end()) for m in re.finditer(re.escape(part), folded)]
    by_start = by_first_letters(words)
    for match in WORD.finditer(folded):
        offset = match.start()
        for is_cjk, run in ngrams.split_runs(match.group()):
            if not is_cjk and any(
                same_word(w, run) or (len(w) > 2 and run.startswith(w))
                for w in by_start.get(run[:2], ())
            ):
                spans.append((offset, offset + len(run)))
            offset += len(run)
    marked = {owner[i] for start, end in spans for i in range(start, end)}
    for index, (_base, reading) in enumerate(units):
        if reading and any(len(run) > 1 and run in normalize(reading) for run in runs):
            marked.add(index)
    return marked


def _render(units, marked, start, end):
    html, open_mark = [], False
    for index in range(start, end):
        if (index in marked) != open_mark:
            html.append("<mark>" if not open_mark else "</mark>")
            open_mark = not open_mark
        base, reading = units[index]
        if reading is None:
            html.append(escape(base))
        else:
            html.append(
                f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>"
            )
    if open_mark:
        html.append("</mark>")
    return "".join(html)


def highlight(text, query):
    """All of ``text`` (a title), matches marked."""
    units = _units(text)
    return mark_safe(_render(units, _marked(units, query), 0, len(units)))  # noqa: S308


def _window(text, query):
    """(start, end) of the part of ``text`` around the first place a query term appears.

    Found on the whole text at once; positions in the normal form are close
    enough to those in the text for a window this wide. Furigana markup is
    never cut.
    """
    folded = unaccent(normalize(text))
    runs, words = _query_parts(query)
    terms = runs + [pair for run in runs for pair in ngrams.bigrams(run)] + words
    found = [i for i in (folded.find(term) for term in terms) if i >= 0]
    first = min(found, default=0)
    start, end = max(0, first - WINDOW_BEFORE), first + WINDOW_AFTER
    if text.rfind("{", 0, start) > text.rfind("}", 0, start):
        start = text.rfind("{", 0, start)
    if text.rfind("{", 0, end) > text.rfind("}", 0, end):
        end = text.find("}", end) + 1 or len(text)
    return start, end


def snippet(text, query, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around the first match, matches marked."""
    text = SPACES.sub(" ", text or "").strip()
    window_start, window_end = _window(text, query)
    units = _units(text[window_start:window_end])
    marked = _marked(units, query)
    first = min(marked) if marked else 0
    start = max(0, first - CONTEXT_BEFORE)
    # In spaced scripts, start at a word.
    space = next((i for i in range(start, first) if units[i][0] == " "), None)
    if start > 0 and space is not None and space - start < CONTEXT_BEFORE // 2:
        start = space + 1
    end, size = start, 0
    while end < len(units) and (size < length or (end in marked and end - 1 in marked)):
        size += len(units[end][0])
        end += 1
    html = _render(units, marked, start, end)
    before = "…" if start > 0 or window_start > 0 else ""
    after = "…" if end < len(units) or window_end < len(text) else ""
    return mark_safe(before + html + after)  # noqa: S308
