"""Member files: accepted by what they contain, handed out only after an access check.

Every uploaded file lives in the default storage, which is never served from a
public URL (a directory outside any web root locally, a private bucket in
production). Views check who asks, then call ``serve``: it streams the file, or
with ``MEMBER_FILES_SIGNED_URLS`` redirects to a signed URL that expires within
``MEMBER_FILES_URL_EXPIRE`` seconds, or with ``PRIVATE_FILES_ACCEL_REDIRECT``
(files on local disk behind nginx) answers with an empty body and an
``X-Accel-Redirect`` header, and nginx sends the file from its internal
location (deploy/nginx/portal.conf), Range requests included. ``sendfile`` does
the same for Wagtail's document view (``SENDFILE_BACKEND = "core.files"``).
"""

import codecs
import logging
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.cache import make_private


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str


# What members may share, recognised by the file's first bytes, never by its name.
KINDS = {
    kind.extension: kind
    for kind in (
        FileKind("pdf", "application/pdf", "PDF"),
        FileKind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
        ),
        FileKind(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
        ),
        FileKind(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint",
        ),
        FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument"),
        FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
        FileKind("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument"),
        FileKind("png", "image/png", "PNG"),
        FileKind("jpg", "image/jpeg", "JPEG"),
        FileKind("webp", "image/webp", "WebP"),
        FileKind("mp4", "video/mp4", "MP4"),
        FileKind("webm", "video/webm", "WebM"),
        FileKind("txt", "text/plain", _("plain text")),
    )
}
IMAGE_KINDS = ("png", "jpg", "webp")
VIDEO_KINDS = ("mp4", "webm")
HEAD_SIZE = 8192
# Markup (HTML, SVG, XML) is not plain text: a tag, comment or declaration at the start.
MARKUP = re.compile(rb"\s*<[!?/a-zA-Z]")


def _read_head(file):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(position)
    return head


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the head is still text.
        cut = len(head) == HEAD_SIZE and error.reason == "unexpected end of data"
        if not cut:
            return False
    return not MARKUP.match(head.removeprefix(codecs.BOM_UTF8))


def sniff(file):
    """The kind of an open file, from its content, or None when it is not allowed."""
    head = _read_head(file)
    if not head:
        return None
    guess = filetype.guess(head)
    if guess is not None:
        return KINDS.get(guess.extension)
    return KINDS["txt"] if _looks_like_text(head) else None


def allowed_labels():
    return ", ".join(dict.fromkeys(str(kind.label) for kind in KINDS.values()))


# Named in the language the message is shown in, not the one active when it was raised.
lazy_allowed_labels = lazy(allowed_labels, str)


def validate_member_file(file):
    """Model field validator: size limit and an allowed kind by content."""
    limit = settings.MEMBER_FILE_MAX_SIZE
    if file.size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; files can be at most %(limit)s MB."),
            code="too_large",
            params={"size": round(file.size / 2**20, 1), "limit": limit // 2**20},
        )
    if sniff(file) is None:
        raise ValidationError(
            _(
                "This file's content is not a kind the network shares. "
                "Allowed: %(kinds)s. Renaming a file does not change its content."
            ),
            code="kind",
            params={"kinds": lazy_allowed_labels()},
        )


def upload_to(instance, filename):
    """A random directory per file, so stored names reveal and collide with nothing."""
    base = os.path.basename(filename)
    safe = slugify(base.rpartition(".")[0] or base, allow_unicode=False)[:60] or "file"
    return f"members/{uuid.uuid4().hex}/{safe}"


def download_name(title, kind):
    stem = slugify(title, allow_unicode=True)[:80] or "file"
    return f"{stem}.{kind.extension if kind else 'bin'}"


def serve(request, field_file, *, filename, content_type, inline=False):
    """Hand out a file the caller has already checked the requester may have."""
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"  # only UTF-8 text passes the upload check
    if settings.MEMBER_FILES_SIGNED_URLS:
        url = field_file.storage.url(
            field_file.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": content_disposition_header(not inline, filename),
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.MEMBER_FILES_URL_EXPIRE,
        )
        response = HttpResponseRedirect(url)
    elif settings.PRIVATE_FILES_ACCEL_REDIRECT:
        response = accel_redirect(field_file.name, content_type)
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    else:
        response = FileResponse(
            field_file.storage.open(field_file.name, "rb"),
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
    response["Referrer-Policy"] = "no-referrer"
    return make_private(response)


def accel_redirect(name, content_type):
    """An empty answer telling nginx to send ``MEDIA_ROOT/name`` from its internal location."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.PRIVATE_FILES_ACCEL_REDIRECT + quote(name)
    return response


def sendfile(request, filename, mimetype="application/octet-stream", **kwargs):
    """Wagtail's ``SENDFILE_BACKEND`` for documents: the same hand-over to nginx.

    Wagtail calls it only after its own access check, with the file's path on disk.
    """
    name = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    return accel_redirect(name.as_posix(), mimetype)


logger = logging.getLogger("portal.files")


def _storage_unreachable(exception):
    """The bucket's endpoint did not answer (refused, timed out, cut off), as botocore says it."""
    try:
        from botocore.exceptions import (
            ConnectionClosedError,
            ConnectTimeoutError,
            EndpointConnectionError,
            ReadTimeoutError,
        )
    except ImportError:  # pragma: no cover - django-storages[s3] brings botocore
        return False
    return isinstance(
        exception,
        EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError | ConnectionClosedError,
    )


class StorageUnavailableMiddleware:
    """When the file store does not answer, say so (503) instead of the generic error page.

    Uploads save each file inside the transaction that saves its row, so when the
    store fails the transaction is rolled back and nothing is kept of the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _storage_unreachable(exception):
            return None
        logger.error("The file storage did not answer: %s", exception, exc_info=exception)
        response = HttpResponse(
            format_html(
                '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                "<title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>",
                get_language() or settings.LANGUAGE_CODE,
                gettext("The file store is not reachable"),
                gettext("The file store is not reachable"),
                gettext(
                    "The server that keeps the network's files did not answer, so nothing "
                    "was saved. Please go back and try again in a few minutes. If it keeps "
                    "happening, tell the network's hub."
                ),
            ),
            status=503,
        )
        response["Retry-After"] = "120"
        return make_private(response)
