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


# A page is scanned once, for the markup only (its "{" makes that fast); each group's
# place is read from the nearest "<" before it. In text the group becomes <ruby>.
# Where HTML shows no <ruby> it becomes the base text: inside a tag (attribute
# values), and in <title>, <option> and <textarea>, whose content is text only.
# In <script> and <style> only a group that cannot be code is changed (no quotes,
# colons …). Comments and rendered <ruby> are left as they are, and so are the data-*
# attributes of an element whose script makes <ruby> itself.
_TAG_NAME = re.compile(r"!--|/?([a-zA-Z][a-zA-Z0-9-]*)")
TEXT_ONLY = {"title", "option", "textarea"}
CODE = {"script", "style"}
KEPT = {"ruby", "rt", "rp"}
SCRIPTS_MAKE_RUBY = ("data-opening-hours",)  # portal/static/js/opening-hours.js
_OPEN_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)\s*=\s*(?:"[^"]*|'[^']*|[^\s"'>]*)$""")
_CODE_LIKE = re.compile(r"""["'`:;,=()\\]""")
RUBY_TEMPLATE = object()  # _place's answer for a group in text


def _in_tag(html, tag_start, group):
    tag_end = html.find(">", group.end())
    tag = html[tag_start : tag_end if tag_end != -1 else len(html)]
    if any(marker in tag for marker in SCRIPTS_MAKE_RUBY):
        attribute = _OPEN_ATTRIBUTE.search(html, tag_start, group.start())
        if attribute and attribute.group(1).lower().startswith("data-"):
            return group.group(0)
    return group.group(1)


def _place(html, group):
    start = group.start()
    tag_start = html.rfind("<", 0, start)
    if tag_start == -1:
        return RUBY_TEMPLATE
    name = _TAG_NAME.match(html, tag_start + 1)
    if name is not None and name.group(0) == "!--":
        return group.group(0) if html.find("-->", tag_start, start) == -1 else RUBY_TEMPLATE
    if html.find(">", tag_start, start) == -1:
        return _in_tag(html, tag_start, group)
    if name is None or name.group(0).startswith("/"):
        return RUBY_TEMPLATE
    element = name.group(1).lower()
    if element in TEXT_ONLY:
        return group.group(1)
    if element in CODE:
        return group.group(0) if _CODE_LIKE.search(group.group(0)) else group.group(1)
    if element in KEPT:
        return group.group(0)
    return RUBY_TEMPLATE


def page_with_ruby(html):
    """An HTML page with its furigana markup made <ruby> (text) or base text (elsewhere).

    A page without markup is returned as it is, after one search.
    """
    if MARKUP.search(html) is None:
        return html

    def convert(group):
        place = _place(html, group)
        if place is RUBY_TEMPLATE:
            base, reading = group.group(1, 2)
            return f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>"
        return place

    return MARKUP.sub(convert, html)


# A JSON string literal (escaped characters included, such as \\u6f22 for 漢).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def json_base_text(text):
    """JSON with the markup inside its strings dropped to base text; the braces of
    objects are never mistaken for a group."""
    if MARKUP.search(text) is None:
        return text
    return _JSON_STRING.sub(lambda match: base_text(match.group(0)), text)
