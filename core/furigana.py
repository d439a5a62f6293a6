"""Furigana as editors write it in easy Japanese: {漢字|かんじ} (base text, then reading).

One pattern for every reader of the markup: the template filters that make
it <ruby>, search (which indexes both the base text and the reading) and the
phone links (which must not cut a group in two).
"""

import re

MARKUP = re.compile(r"\{([^{}|<>]+)\|([^{}|<>]+)\}")


def base_text(text):
    """Text as read, readings dropped: {相談|そうだん} → 相談."""
    return MARKUP.sub(r"\1", text or "")


def ruby_html(escaped_text):
    """<ruby> for each group of text that is already HTML-escaped."""
    return MARKUP.sub(r"<ruby>\1<rp>(</rp><rt>\2</rt><rp>)</rp></ruby>", escaped_text)
