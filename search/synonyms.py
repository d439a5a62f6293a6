"""Words readers use, searched together with the words the pages use.

Editors keep, per language, a term readers type and the words it also means
(search.models.Synonym: 住むところ → 住まい, 住居). A search for text holding
the term also runs for the text with the term replaced by each word, at most
MAX_ALTERNATIVES of them, and the results are merged (``merge``). The terms of
a language are read in one query and kept in the cache until an editor
changes one, so a search without them costs no query.

    ranked, used = synonyms.search(pages, "住むところ", "ja")
"""

import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from search import ngrams, query
from search.models import Synonym
from search.text import base_text, normalize, unaccent

# Each alternative is one or two more searches: this bounds the work one query causes.
MAX_ALTERNATIVES = 4
CACHE_KEY = "search-synonyms:{}"
CACHE_SECONDS = 24 * 60 * 60  # changes clear it at once; this only bounds a missed clearing
# Merging (``merge``): a small offset lets the first few ranks of each list count most.
RANK_OFFSET = 10
ALTERNATIVE_WEIGHT = 0.8
PARTIAL_WEIGHT = 0.25
SEPARATORS = str.maketrans(dict.fromkeys(",、，;；", "\n"))


@dataclass(frozen=True)
class Alternative:
    text: str  # what is searched: the typed text with the term replaced
    term: str
    word: str  # the word as the editor wrote it


def key_of(text):
    """Text in one normal form for matching: readings dropped, NFKC, lower case,
    no accents on Latin letters, words separated by single spaces."""
    kept = (
        char if unicodedata.category(char)[0] in "LMN" else " "
        for char in unaccent(normalize(base_text(text or "")))
    )
    return " ".join("".join(kept).split())


def split_words(text):
    """The words of the "also search for" field: one a line or separated by commas."""
    return [word.strip() for word in (text or "").translate(SEPARATORS).split("\n") if word.strip()]


def _has_cjk(key):
    return any(is_cjk for is_cjk, _run in ngrams.split_runs(key))


def validate(synonym):
    """The term's key; ValidationError with a message for each field that is wrong.

    The words are stored one a line, as they will be searched.
    """
    errors = {"term": [], "words": []}
    key = key_of(synonym.term)
    max_length = Synonym._meta.get_field("term").max_length
    if synonym.term and (not key or query.build(synonym.term) is None):
        errors["term"].append(
            _("“%(term)s” has no letters or numbers to search for.") % {"term": synonym.term}
        )
    elif key and (
        Synonym.objects.filter(language_code=synonym.language_code, key=key)
        .exclude(pk=synonym.pk)
        .exists()
    ):
        language = get_language_info(synonym.language_code)["name_local"]
        errors["term"].append(
            _("“%(term)s” already has words in %(language)s: add these to them instead.")
            % {"term": synonym.term, "language": language}
        )
    words = split_words(synonym.words)
    if synonym.words and not words:
        errors["words"].append(_("Give at least one word to search for as well."))
    if len(words) > Synonym.MAX_WORDS:
        errors["words"].append(
            _("At most %(count)d words, please: you gave %(given)d. Keep the most useful.")
            % {"count": Synonym.MAX_WORDS, "given": len(words)}
        )
    seen = set()
    for word in words:
        word_key = key_of(word)
        if not word_key or query.build(word) is None:
            message = _("“%(word)s” has no letters or numbers to search for.")
        elif len(word) > max_length:
            message = _("“%(word)s” is longer than %(count)d characters.")
        elif key and word_key == key:
            message = _("“%(word)s” is the word searched for itself.")
        elif word_key in seen:
            message = _("“%(word)s” is given twice.")
        else:
            seen.add(word_key)
            continue
        errors["words"].append(message % {"word": word, "count": max_length})
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    synonym.words = "\n".join(words)
    return key


def table(language_code):
    """{key: (word, …)} of one language: from the cache, or read in one query."""
    cache_key = CACHE_KEY.format(language_code)
    found = cache.get(cache_key)
    if found is None:
        found = {
            key: (term, tuple(split_words(words)))
            for key, term, words in Synonym.objects.filter(language_code=language_code).values_list(
                "key", "term", "words"
            )
        }
        cache.set(cache_key, found, CACHE_SECONDS)
    return found


def forget():
    from django.conf import settings

    cache.delete_many([CACHE_KEY.format(code) for code, _name in settings.LANGUAGES])


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def _changed(**kwargs):
    # Now for this process, and after the commit for searches that read the old rows meanwhile.
    forget()
    transaction.on_commit(forget)


def _replaced(typed, key, word):
    """``typed`` with ``key`` replaced by ``word``, or None when ``key`` is not in it.

    Others only as whole words (shelter, not shelters). A Chinese, Japanese or
    Korean term is also found inside a longer word (住むところがない), and then
    the whole word is replaced: what is glued to the term (がない, に入りたい)
    would match any page on its own.
    """
    words, wanted = typed.split(" "), key.split(" ")
    for start in range(len(words) - len(wanted) + 1):
        if words[start : start + len(wanted)] == wanted:
            return " ".join(words[:start] + [word] + words[start + len(wanted) :])
    if _has_cjk(key):
        for index, typed_word in enumerate(words):
            if key in typed_word:
                return " ".join(words[:index] + [word] + words[index + 1 :])
    return None


def alternatives(text, language_code):
    """What else to search for ``text``: at most MAX_ALTERNATIVES, longest terms first."""
    entries = table(language_code)
    if not entries:
        return []
    typed = key_of(text)
    found, texts = [], {typed}
    for key in sorted(entries, key=lambda key: (-len(key), key)):
        term, words = entries[key]
        for word in words:
            alternative = _replaced(typed, key, key_of(word))
            if alternative is None:
                break  # the term is not in the text: none of its words apply
            if alternative in texts:
                continue
            texts.add(alternative)
            found.append(Alternative(alternative, term, word))
            if len(found) == MAX_ALTERNATIVES:
                return found
    return found


def merge(original, others):
    """One ranked list from the search for what was typed and those for its alternatives.

    Reciprocal rank fusion: a page scores ``weight / (RANK_OFFSET + rank)`` in
    each list it is in. A page several searches find rises; so does one an
    alternative finds first, past pages the typed text matched only by its
    characters (住むところ: こころ, ところ). What was typed weighs most; a list
    where no page had every word, little. ``complete`` when some search found
    a page with every word.
    """
    scores, found = {}, {}
    for position, results in enumerate([original, *others]):
        weight = (1.0 if position == 0 else ALTERNATIVE_WEIGHT) * (
            1.0 if results.complete else PARTIAL_WEIGHT
        )
        for rank, obj in enumerate(results, start=1):
            found.setdefault(obj.pk, obj)
            scores[obj.pk] = scores.get(obj.pk, 0.0) + weight / (RANK_OFFSET + rank)
    # sorted() is stable: among equal scores, the order they were first found in.
    merged = query.Ranked(sorted(found.values(), key=lambda obj: -scores[obj.pk]))
    merged.complete = original.complete or any(results.complete for results in others)
    return merged


def search(queryset, text, language_code, **kwargs):
    """``query.search`` for ``text`` and for each of its alternatives, merged.

    All searched together (``query.search_many``): on PostgreSQL one statement
    for the every-term searches, one for the any-term ones if needed, one
    query for the titles, however many alternatives. Returns (ranked results, the alternatives searched).
    """
    used = alternatives(text, language_code)
    ranked, *others = query.search_many(
        queryset, [text, *(alternative.text for alternative in used)], alternatives_from=1, **kwargs
    )
    if not used:
        return ranked, []
    return merge(ranked, others), used


def marked(text, used):
    """What to mark in titles and snippets: the typed text and the words also searched."""
    return " ".join([text, *dict.fromkeys(alternative.word for alternative in used)])
