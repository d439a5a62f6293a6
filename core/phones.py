"""Phone numbers as links a phone dials.

A ``tel:`` URI is a URL: a bare ``#`` starts its fragment, so ``tel:#8891``
dials nothing. Numbers are written as people write them (``#8891``,
``0120-279-889``, ``048 775 5111``, full-width ``０４８``), and dialled as
RFC 3966 wants them: digits, a leading ``+``, ``*`` and ``#`` (as ``%23``).

:func:`dialable_links` also links the numbers editors type as plain text in
rich text: short codes (``#8891``), the emergency and hotline numbers (110,
119, 189, 188, 118, 171) where they stand alone, domestic numbers starting
with 0 written with hyphens, spaces or brackets, and ``+81`` numbers. Postcodes,
dates, times, amounts and page or section numbers stay text.
"""

import re
import unicodedata
from bisect import bisect_right
from html import unescape as html_unescape
from urllib.parse import unquote

from core import furigana

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

# --- Finding numbers in text ------------------------------------------------
#
# Numbers are found in a folded copy of the text, one character for one, so
# that offsets stay those of the text as written: full-width ASCII becomes
# ASCII, every dash Japanese text uses becomes "-", every space " ".
FOLD = {0xFF01 + i: 0x21 + i for i in range(94)}  # ！..～ -> !..~
FOLD.update(dict.fromkeys(map(ord, "‐‑‒–—―−ーｰ﹣"), ord("-")))
FOLD.update(dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000"), ord(" ")))
FOLD[ord("￥")] = ord("¥")
# "，" is the comma between clauses in Chinese ("0120-279-889，24小时"), never a
# thousands separator: kept as it is, so a number before it is not an amount.
del FOLD[ord("，")]
FOLDED = re.compile("[" + re.escape("".join(map(chr, FOLD))) + "]")


def _fold(text):
    return FOLDED.sub(lambda char: chr(FOLD[ord(char.group())]), text)


EMERGENCY = "110|119|189|188|118|171"
NUMBER = re.compile(
    r"""
    (?=[0-9#+(])                            # (quickly past everything else)
    (?<![0-9])(?<![0-9][-/.,:])            # not the tail of a longer number, date or time
    (?:
        (?P<intl>(?<![A-Za-z+])\+[0-9]{1,3}(?:[- ][0-9]{1,4}){2,4})
      | (?P<domestic>(?<![#+])(?:
            0[0-9]{1,4}[- ][0-9]{1,4}[- ][0-9]{3,5}      # 048-830-3111, 048 775 5111
          | 0[0-9]{1,4}-[0-9]{5,8}                       # 03-12345678
          | 0[0-9]{1,4}\ ?\([0-9]{1,4}\)\ ?[0-9]{3,5}    # 048(830)3111
          | \(0[0-9]{1,4}\)\ ?[0-9]{1,4}[- ][0-9]{3,5}   # (048) 830-3111
        ))
      | (?P<short>(?<![A-Za-z/#&])\#[0-9]{4})           # #8891
      | (?P<emergency>(?<![A-Za-z#+$¥€£₩₱₫〒])(?:"""
    + EMERGENCY
    + r"""))
    )
    (?![0-9])(?![-/.,:][0-9])(?!\)[0-9])     # nor the head of one
    """,
    re.VERBOSE,
)

# Read on the NFKC form of a few characters either side of a number.
FAX_BEFORE = re.compile(
    r"(?:fax|ファクス|ファックス|ファクシミリ|传真|傳真|팩스)\s*(?:番号)?\s*[:.]?\s*$", re.I
)
# "p. 110", "第110条", "〒110", "No. 110": a page, an article, a postcode, a number.
NOT_PHONE_BEFORE = re.compile(
    r"""(?:
        \b(?:no|nos|p|pp|pg|pág|pag|sec|art|arts|ch|cap|rm|vol|ver|fig|tab)\.\s*
      | \b(?:nº|n\.º|n\.o)\s*
      | \b(?:page|pages|página|paginas|páginas|pagina|pahina|trang|section|article|artigo|
             chapter|capítulo|room|route|điều|khoản|mục|phòng|seksyon)\s*
      | [第제〒§№¥$€£₩₱₫]\s*
    )$""",
    re.I | re.VERBOSE,
)
# "110円", "110年", "110番地", "110 km": an amount, a year, an address, a measure.
# (番 and 번 alone are how a call to 110 is said: "110番", "110번".)
NOT_PHONE_AFTER = re.compile(
    r"""^(?:
        [A-Za-z%°‰]
      | \s*(?:円|万|千|億|兆|年|月|日|時|分|秒|号(?!码)|號(?!碼)|条|條|章|節|项|項|頁|ページ|人|名|
             件|回|歳|才|階|個|枚|点|冊|台|本|部|校|社|店|戸|世帯|週|か月|カ月|ヶ月|ケ月|キロ|メートル|
             グラム|番地|番目|番台|番線|番町|丁目|元|页|岁|个|次|米|路|层|원|년|월|일|시|분|초|명|개|
             세|층|호|조|쪽|페이지|번지|번째|번길|권)
      | \s+(?:yen|km|kg|cm|mm|m|g|ml|people|persons|cases|years|pages|pessoas|casos|anos|
              reais|taon|tao|piso|người|năm|ngày|trang|yên|won)\b
    )""",
    re.I | re.VERBOSE,
)
DOMESTIC_DIGITS = range(10, 12)  # 0120279889, 09012345678
INTL_DIGITS = range(8, 16)
CONTEXT = 16

# {漢字|かんじ}: furigana markup (core.furigana), which the furigana filter
# turns into <ruby> after this one has run.
FURIGANA = furigana.MARKUP


def _is_phone_number(match, text):
    """Whether ``match`` (found in ``text`` folded) is a number to dial, read in its context."""
    kind = match.lastgroup
    digits = sum(c.isdigit() for c in match.group(kind))
    if kind == "domestic" and digits not in DOMESTIC_DIGITS:
        return False
    if kind == "intl" and digits not in INTL_DIGITS:
        return False
    start, end = match.span()
    written = text[max(0, start - CONTEXT) : start]
    before = unicodedata.normalize("NFKC", written)  # ＦＡＸ, ｐ．, ﾍﾟｰｼﾞ
    if FAX_BEFORE.search(before):
        return False
    if kind == "emergency":
        after = unicodedata.normalize("NFKC", text[end : end + CONTEXT])
        # NFKC reads "Nº" as "No": look at the number sign as written too.
        if NOT_PHONE_BEFORE.search(written) or NOT_PHONE_BEFORE.search(before):
            return False
        if NOT_PHONE_AFTER.match(after):
            return False
    return True


# --- Walking rich-text HTML -------------------------------------------------

TOKEN = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <[!?][^>]*+>?
      | <(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*+)(?:[^>"']++|"[^"]*+"|'[^']*+')*+>?""",
    re.S | re.VERBOSE,
)
# Their text is not text a reader taps: code, form controls, links already.
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
NOT_LINKED = {"a", "button", "select", "option", "label", "rt", "rp", "svg", "math", "template"}
# Tags that do not break a line of text, so "1,<b>110</b>円" reads as one.
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "rb", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
}  # fmt: skip
CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
HAS_DIGIT = re.compile(r"[0-9０-９]|&#")


class _Text:
    """A text node: as written (``raw``), as read (``plain``), and where it sits in the page."""

    __slots__ = ("raw", "plain", "start", "linkable", "links")

    def __init__(self, raw, start, linkable):
        self.raw = raw
        self.plain = html_unescape(raw) if "&" in raw else raw
        self.start = start
        self.linkable = linkable
        self.links = []

    def raw_offsets(self):
        """Offsets in ``raw`` where each character of ``plain`` starts, and where it ends."""
        starts, ends, pos = [], [], 0
        for ref in CHARREF.finditer(self.raw):
            for i in range(pos, ref.start()):
                starts.append(i)
                ends.append(i + 1)
            count = len(html_unescape(ref.group()))
            starts.extend([ref.start()] * count)
            ends.extend([ref.end()] * count)
            pos = ref.end()
        for i in range(pos, len(self.raw)):
            starts.append(i)
            ends.append(i + 1)
        return starts, ends

    def render(self):
        if not self.links:
            return self.raw
        if self.raw is self.plain:
            starts = ends = None
        else:
            starts, ends = self.raw_offsets()
        out, pos = [], 0
        for begin, end, uri in self.links:
            if starts is not None:
                # A character reference is one piece: never split one.
                if (begin and starts[begin] == starts[begin - 1]) or (
                    end < len(starts) and starts[end] == starts[end - 1]
                ):
                    continue
                begin, end = starts[begin], ends[end - 1]
            out.append(self.raw[pos:begin])
            out.append(f'<a href="{uri}">{self.raw[begin:end]}</a>')
            pos = end
        out.append(self.raw[pos:])
        return "".join(out)


def _tokens(html):
    """Tags (as strings) and text nodes (as _Text) of ``html``, and the text a reader reads."""
    tokens, read, length, pos, hidden = [], [], 0, 0, 0
    for tag in TOKEN.finditer(html):
        start = tag.start()
        if start < pos:
            continue  # inside a script or style element, already taken whole
        if start > pos:
            node = _Text(html[pos:start], length, linkable=not hidden)
            tokens.append(node)
            read.append(node.plain)
            length += len(node.plain)
        pos, name = tag.end(), tag.group("name")
        if name:
            name = name.lower()
            if name in RAW_TEXT and not tag.group("close"):
                closing = re.compile(rf"</{name}\b[^>]*>", re.I).search(html, pos)
                pos = closing.end() if closing else len(html)
            elif name in NOT_LINKED and tag.group()[-2:] != "/>":
                hidden = max(0, hidden - 1 if tag.group("close") else hidden + 1)
        tokens.append(html[start:pos])
        if name not in INLINE:
            read.append("\n")
            length += 1
    if pos < len(html):
        node = _Text(html[pos:], length, linkable=not hidden)
        tokens.append(node)
        read.append(node.plain)
    return tokens, "".join(read)


def _fix_tel_href(tag):
    def fix(match):
        uri = tel_uri(unquote(html_unescape(match.group(1))))
        return f'href="{uri}"' if uri else match.group(0)

    return TEL_HREF.sub(fix, tag)


def dialable_links(html):
    """Rich text whose phone numbers a phone dials.

    Each ``tel:`` link is rewritten by :func:`tel_uri` (editors write
    ``#8891``), and numbers written as text are linked, shown as written:
    ``#8891`` becomes ``<a href="tel:%238891">#8891</a>``. Text inside links,
    attributes, scripts and styles stays as it is; running it twice changes
    nothing.
    """
    html = str(html)
    if not HAS_DIGIT.search(html):
        return html
    tokens, read = _tokens(html)
    texts = [token for token in tokens if isinstance(token, _Text)]
    starts = [text.start for text in texts]
    folded = _fold(read)
    for match in NUMBER.finditer(folded):
        index = bisect_right(starts, match.start()) - 1
        node = texts[index] if index >= 0 else None
        if node is None or not node.linkable:
            continue
        begin, end = match.start() - node.start, match.end() - node.start
        if end > len(node.plain) or not _is_phone_number(match, read):
            continue  # it runs across a tag
        uri = tel_uri(node.plain[begin:end])
        # In {110番|ひゃくとおばん} the link holds the whole markup, so the
        # furigana filter can still make it <ruby>.
        for ruby in FURIGANA.finditer(node.plain):
            if ruby.start() < end and begin < ruby.end():
                inside = ruby.start(1) <= begin and end <= ruby.end(1)
                begin, end = (ruby.start(), ruby.end()) if inside else (-1, -1)
                break
        if begin < 0 or (node.links and begin < node.links[-1][1]):
            continue
        node.links.append((begin, end, uri))
    return "".join(
        token.render() if isinstance(token, _Text) else _fix_tel_href(token) for token in tokens
    )
