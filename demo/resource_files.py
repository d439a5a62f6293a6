"""Small, valid demo files made in code: PDFs and a PNG poster (no binary in the repository)."""

import io

from PIL import Image, ImageDraw

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _pdf_hex(text):
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _pdf_ascii(text):
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf(title, lines=(), note=""):
    """A one-page A4 PDF: a Japanese title and lines, and an ASCII note at the bottom.

    Japanese uses a standard CJK font that PDF readers provide (HeiseiKakuGo-W5
    with the UniJIS-UCS2-H encoding), so nothing is embedded and the file stays tiny.
    """
    commands = [
        "BT",
        "/F1 22 Tf",
        f"56 {PAGE_HEIGHT - 90} Td",
        f"{_pdf_hex(title)} Tj",
        "/F1 12 Tf",
    ]
    for line in lines:
        commands += ["0 -24 Td", f"{_pdf_hex(line)} Tj"]
    commands.append("ET")
    if note:
        commands += ["BT", "/F2 9 Tf", "56 40 Td", f"{_pdf_ascii(note)} Tj", "ET"]
    stream = "\n".join(commands).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> /Contents 4 0 R >>"
        ).encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 "
        b"/Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
        b"/FontDescriptor 8 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 "
        b"/FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def poster_png(lines, size=(420, 594), colour=(122, 46, 110)):
    """A plain poster: a coloured band and a few lines of (Latin) text."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0], size[1] // 3], fill=colour)
    y = size[1] // 3 + 24
    for line in lines:
        draw.text((24, y), line, fill=(30, 30, 30))
        y += 28
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
