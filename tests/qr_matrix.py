"""Read the modules of a QR code back from its SVG or PNG, to compare with a fresh encoding.

No QR reader installs without system libraries, so a test reads the dark and
light modules from the image itself and checks them against the symbol segno
makes for the expected URL: the same modules mean the same decoded text.
"""

import io
import re

import segno
from PIL import Image

QUIET_ZONE = 4


def expected(url):
    """The modules of `url` at error correction Q or better (print needs it); rows of 0/1."""
    qr = segno.make(url, error="q", micro=False)
    return [list(row) for row in qr.matrix]


def from_svg(svg):
    """Modules drawn by a segno <path>: "M x y" then "h n" (dark run) and "m dx dy" moves."""
    path = re.search(r'<path class="qrline" stroke="#000" d="([^"]+)"', svg).group(1)
    size = int(float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1)))
    scale = re.search(r'<g transform="scale\(([\d.]+)\)"', svg)
    if scale:  # the file is sized in mm; the path is in modules
        size = round(size / float(scale.group(1)))
    dark = set()
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([-\d. ]+)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            length = numbers[0] if command == "h" else numbers[0] - x
            dark.update((int(y), int(x) + i) for i in range(int(length)))
            x += length
    n = size - 2 * QUIET_ZONE
    return [[int((QUIET_ZONE + r, QUIET_ZONE + c) in dark) for c in range(n)] for r in range(n)]


def from_png(data):
    """Modules sampled at their centres; the scale comes from the 4-module quiet zone."""
    image = Image.open(io.BytesIO(data)).convert("L")
    width, _height = image.size
    first_dark = next(x for x in range(width) if image.getpixel((x, x)) < 128)
    scale = first_dark // QUIET_ZONE
    n = width // scale - 2 * QUIET_ZONE
    offset = QUIET_ZONE * scale + scale // 2
    return [
        [int(image.getpixel((offset + c * scale, offset + r * scale)) < 128) for c in range(n)]
        for r in range(n)
    ]
