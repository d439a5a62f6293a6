"""QR codes of public pages, made here with segno: no third-party service sees the URLs."""

import io
import math

import segno

from core.links import absolute_url

# Q survives a quarter of the symbol smudged or torn, which printed cards and posters need.
ERROR_CORRECTION = "q"
QUIET_ZONE = 4  # modules, as the QR standard requires
# A PNG prints sharp at 600 dpi up to 3 cm wide: at least this many pixels across.
PNG_DPI = 600
PNG_MIN_CM = 3


def public_url(page):
    """The address a reader types, or None when the page cannot be reached.

    The site is served on one public origin per deployment, the one in
    WAGTAILADMIN_BASE_URL (emails link to it too); the demo Site's own
    hostname is "localhost", which must never end up on paper.
    """
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, _root_url, path = parts
    return absolute_url(path)


def make(url):
    # micro=False: Micro QR codes are not read by most phone cameras.
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def png_scale(qr):
    width, _height = qr.symbol_size(border=QUIET_ZONE)
    return math.ceil(PNG_MIN_CM / 2.54 * PNG_DPI / width)


def png(qr):
    out = io.BytesIO()
    qr.save(out, kind="png", scale=png_scale(qr), border=QUIET_ZONE, dpi=PNG_DPI)
    return out.getvalue()


def svg(qr, title=""):
    """A standalone SVG file, 3 cm wide when placed as is; a vector, so any size prints sharp."""
    width, _height = qr.symbol_size(border=QUIET_ZONE)
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=PNG_MIN_CM * 10 / width,
        unit="mm",
        border=QUIET_ZONE,
        title=title or None,
        light="#fff",  # the quiet zone must stay light on a coloured poster
    )
    return out.getvalue()


def svg_inline(qr, title="", scale=None):
    """An <svg> element for an HTML page: `scale` px a module, or sized by CSS when None."""
    return qr.svg_inline(
        scale=scale or 1,
        border=QUIET_ZONE,
        omitsize=scale is None,
        title=title or None,
        light="#fff",
        svgclass="qr",
    )
