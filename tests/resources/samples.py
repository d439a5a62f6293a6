"""Small real files of each kind, and the objects the storage tests share."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from resources.models import PortalImage

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# An ISO base media file: an "ftyp" box with the mp42 brand, then an empty "mdat".
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08mdat"
# An EBML header whose DocType is "webm".
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87\x81\x04"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
TEXT_JA = "配布資料の一覧です。\n相談窓口: 048-000-0000\n".encode()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# What a refused upload is told, in English.
KIND_REFUSED = (
    "This file's content is not a kind the network shares. Allowed: PDF, Word, Excel, "
    "PowerPoint, OpenDocument, PNG, JPEG, WebP, MP4, WebM, plain text. "
    "Renaming a file does not change its content."
)


def body(response):
    """The bytes of a test client response, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def document_file():
    return ContentFile(PDF, name="document.pdf")


def png(size=(8, 6), color=(200, 30, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def docx():
    """The parts Word itself writes first: the content types, then the document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def collection(name, *, restricted):
    """A collection under the root; restricted ones are for logged-in members."""
    created = Collection.get_first_root_node().add_child(name=name)
    if restricted:
        CollectionViewRestriction.objects.create(
            collection=created, restriction_type=CollectionViewRestriction.LOGIN
        )
    return created


def image(collection, *, title="poster", data=None):
    return PortalImage.objects.create(
        title=title,
        file=ImageFile(io.BytesIO(data or png()), name=f"{title}.png"),
        collection=collection,
    )


def document(collection, *, title="leaflet", data=PDF):
    return get_document_model().objects.create(
        title=title, file=ContentFile(data, name=f"{title}.pdf"), collection=collection
    )
