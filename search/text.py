"""Text as search sees it: one normal form for what is indexed and what is typed.

Readers type full-width letters (ＤＶ), forget accents (bao luc for bạo lực) and,
in easy Japanese, may type the reading (そうだん) of a word editors wrote with
furigana ({相談|そうだん}). Everything goes through ``normalize`` on both sides.
"""

import re
import unicodedata

from core import furigana

# {漢字|かんじ}: the furigana markup of easy Japanese (core.furigana).
RUBY_MARKUP = furigana.MARKUP
# A word: letters, digits and marks. Underscores and punctuation separate words,
# as they do for SQLite's FTS5 and PostgreSQL's parser.
WORD = re.compile(r"[^\W_]+")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# Accents on a Latin letter, once decomposed (NFD).
LATIN_MARKS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")
# Letters whose accent is not a combining mark in NFD.
UNACCENTED = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})


def normalize(text):
    """NFKC, lower case: ＤＶ → dv, ｱ → ア, ① → 1."""
    return unicodedata.normalize("NFKC", text or "").lower()


def unaccent(text):
    """Latin letters without their accents (violência → violencia); other scripts untouched.

    Only marks on Latin letters go: in kana (が), Devanagari or Hangul they
    are part of the letter.
    """
    if not LATIN.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(UNACCENTED))
    return unicodedata.normalize("NFC", LATIN_MARKS.sub("", decomposed))


def base_text(text):
    """Text as read, furigana readings dropped: {相談|そうだん} → 相談."""
    return furigana.base_text(text)


def reading_text(text):
    """Text as said, readings in place of what they read: {相談|そうだん}する → そうだんする.

    '' when the text has no furigana.
    """
    text = text or ""
    return RUBY_MARKUP.sub(r"\2", text) if RUBY_MARKUP.search(text) else ""
