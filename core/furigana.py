"""Furigana as editors write it in easy Japanese: {漢字|かんじ} (base text, then reading).

One pattern for every reader of the markup: the template filters that make
it <ruby>, search (which indexes both the base text and the reading), the
phone links (which must not cut a group in two), and the response step
(core.furigana_middleware) that converts whatever markup a page still holds,
from the catalogue, from dates or from content, in one pass over the HTML.
"""

import re

MARKUP = re.compile(r"\{([^{}|<>]+)\|([^{}|<>]+)\}")
RUBY = r"<ruby>\1<rp>(</rp><rt>\2</rt><rp>)</rp></ruby>"


def base_text(text):
    """Text as read, readings dropped: {相談|そうだん} → 相談."""
    return MARKUP.sub(r"\1", text or "")


def ruby_html(escaped_text):
    """<ruby> for each group of text that is already HTML-escaped."""
    return MARKUP.sub(RUBY, escaped_text)


# One scan of a whole page. Where HTML allows no <ruby> (attribute values but
# data-*; <title>, <option> and <textarea>, whose content is text only;
# <script> and <style>, there inside "strings" only) the markup becomes the base text;
# in text it becomes <ruby>.
# Comments and <ruby> already rendered are left as they are.
_PAGE = re.compile(
    r"(?P<keep><!--.*?-->|<ruby\b[^>]*>.*?</ruby\s*>)"
    r"|(?P<code><(?P<raw>script|style)\b[^>]*>.*?</(?P=raw)\s*>)"
    r"|(?P<base><(?:title|option|textarea)\b[^>]*>[^<]*)"
    r"|(?P<tag><[^>{]*\{[^>]*>)"
    r"|\{(?P<rb>[^{}|<>]+)\|(?P<rt>[^{}|<>]+)\}",
    re.DOTALL | re.IGNORECASE,
)
_ESCAPED_RUBY = RUBY.replace("\\1", "{0}").replace("\\2", "{1}")


# An attribute in a tag. data-* attributes are left as they are: scripts read the
# markup there and make <ruby> themselves (portal/static/js/opening-hours.js).
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))""")


def _attribute(match):
    if match.group(1).lower().startswith("data-"):
        return match.group(0)
    return match.group(1) + base_text(match.group(2))


def _page_part(match):
    if match.group("keep") is not None:
        return match.group(0)
    if match.group("tag") is not None:
        return _ATTRIBUTE.sub(_attribute, match.group(0))
    if match.group("base") is not None:
        return base_text(match.group(0))
    if match.group("code") is not None:
        return json_base_text(match.group(0))
    return _ESCAPED_RUBY.format(match.group("rb"), match.group("rt"))


def page_with_ruby(html):
    """An HTML page with its furigana markup made <ruby> (text) or base text (elsewhere).

    A page without markup is returned as it is, after one search.
    """
    if MARKUP.search(html) is None:
        return html
    return _PAGE.sub(_page_part, html)


# A JSON string literal (escaped characters included, such as \\u6f22 for 漢).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def json_base_text(text):
    """JSON with the markup inside its strings dropped to base text; the braces of
    objects are never mistaken for a group."""
    if MARKUP.search(text) is None:
        return text
    return _JSON_STRING.sub(lambda match: base_text(match.group(0)), text)
