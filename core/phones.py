"""Phone numbers as links a phone dials.

A ``tel:`` URI is a URL: a bare ``#`` starts its fragment, so ``tel:#8891``
dials nothing. Numbers are written as people write them (``#8891``,
``0120-279-889``, ``048 775 5111``, full-width ``０４８``), and dialled as
RFC 3966 wants them: digits, a leading ``+``, ``*`` and ``#`` (as ``%23``).
"""

import re
import unicodedata
from html import unescape as html_unescape
from urllib.parse import unquote

DIALLABLE = set("0123456789*#")


def dial_string(number):
    """What a phone dials for ``number``: '#8891', '0120279889'; '' when nothing is dialable."""
    text = unicodedata.normalize("NFKC", str(number or "")).strip()
    digits = "".join(c for c in text if c in DIALLABLE)
    if not any(c.isdigit() for c in digits):
        return ""
    return ("+" if text.startswith("+") else "") + digits


def tel_uri(number):
    """``tel:`` URI of ``number`` (``tel:%238891``), or '' when it has no digits."""
    dialled = dial_string(number)
    return "tel:" + dialled.replace("#", "%23") if dialled else ""


TEL_HREF = re.compile(r'href="tel:([^"]*)"', re.IGNORECASE)


def dialable_links(html):
    """Rich text with each ``tel:`` link rewritten by :func:`tel_uri` (editors write ``#8891``)."""

    def fix(match):
        uri = tel_uri(unquote(html_unescape(match.group(1))))
        return f'href="{uri}"' if uri else match.group(0)

    return TEL_HREF.sub(fix, str(html))
