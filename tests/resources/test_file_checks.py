"""Member files: accepted by content, stored under random names, handed out privately."""

import importlib.util
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver
from django.utils import translation
from django.views import static

from core import files
from tests.resources import samples


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(file):
    with pytest.raises(ValidationError) as caught:
        files.validate_member_file(file)
    with translation.override("en"):
        return caught.value.code, caught.value.messages


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("report.pdf", samples.PDF, "pdf"),
        ("poster.png", samples.png(), "png"),
        ("minutes.docx", samples.docx(), "docx"),
        ("lecture.mp4", samples.MP4, "mp4"),
        ("lecture.webm", samples.WEBM, "webm"),
        ("memo.txt", samples.TEXT_JA, "txt"),
        # The name does not matter either way: content decides.
        ("report.txt", samples.PDF, "pdf"),
        ("no-extension", samples.png(), "png"),
    ],
)
def test_allowed_kinds_are_recognised_by_content(name, data, extension):
    file = upload(name, data)
    assert files.sniff(file).extension == extension
    files.validate_member_file(file)  # no error
    assert file.tell() == 0  # sniffing leaves the file where it was


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", samples.ELF),
        ("report.pdf", samples.EXE),
        ("notes.txt", samples.HTML),
        ("report.pdf", samples.HTML),
        ("notes.txt", samples.SVG),
        ("poster.pdf", samples.SVG),
        ("notes.txt", b"\xef\xbb\xbf<html><body>hidden</body></html>"),
        ("notes.txt", b"<script>alert(1)</script>"),
        ("notes.txt", b"<!-- comment --><html></html>"),
        ("notes.txt", b'<?xml version="1.0"?><svg/>'),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 26 + b"secret.bin" + b"\x00" * 40),
        ("notes.txt", "UTF-16 テキスト".encode("utf-16")),
        ("notes.txt", b"almost text\xff"),
        ("empty.pdf", b""),
    ],
)
def test_other_content_is_refused_with_a_clear_message(name, data):
    file = upload(name, data)
    assert files.sniff(file) is None
    assert refusal(file) == ("kind", [samples.KIND_REFUSED])


def test_a_text_head_cut_inside_a_character_is_still_text():
    text = ("相談記録" * 1000).encode()
    assert len(text) > files.HEAD_SIZE and files.HEAD_SIZE % 3
    assert files.sniff(io.BytesIO(text)).extension == "txt"


@override_settings(MEMBER_FILE_MAX_SIZE=2**20)
def test_files_over_the_size_limit_are_refused_with_their_size():
    too_big = upload("big.pdf", samples.PDF + b"0" * (3 * 2**19))
    assert refusal(too_big) == (
        "too_large",
        ["This file is 1.5 MB; files can be at most 1 MB."],
    )
    files.validate_member_file(upload("ok.pdf", samples.PDF + b"0" * (2**20 - len(samples.PDF))))


def test_the_default_limit_is_200_mb():
    assert settings.MEMBER_FILE_MAX_SIZE == 200 * 2**20


def test_upload_to_uses_a_random_directory_and_only_a_slug_of_the_name():
    first = files.upload_to(None, "DV Shelter list (Yamada).PDF")
    second = files.upload_to(None, "DV Shelter list (Yamada).PDF")
    assert re.fullmatch(r"members/[0-9a-f]{32}/dv-shelter-list-yamada", first)
    assert first != second
    assert files.upload_to(None, "相談記録 山田花子.pdf").endswith("/file")
    assert re.fullmatch(r"members/[0-9a-f]{32}/passwd", files.upload_to(None, "../../etc/passwd"))


def test_download_names_come_from_the_title_and_the_kind():
    assert files.download_name("会議 資料 2024", files.KINDS["pdf"]) == "会議-資料-2024.pdf"
    assert files.download_name("", None) == "file.bin"


@pytest.fixture
def stored():
    storage = InMemoryStorage()
    name = storage.save("members/abc/leaflet", io.BytesIO(samples.PDF))
    return SimpleNamespace(storage=storage, name=name)


@pytest.mark.parametrize(
    ("inline", "filename", "disposition"),
    [
        (False, "leaflet.pdf", 'attachment; filename="leaflet.pdf"'),
        (True, "leaflet.pdf", 'inline; filename="leaflet.pdf"'),
        (False, "資料.pdf", "attachment; filename*=utf-8''%E8%B3%87%E6%96%99.pdf"),
    ],
)
def test_serve_streams_privately(rf, stored, inline, filename, disposition):
    response = files.serve(
        rf.get("/"), stored, filename=filename, content_type="application/pdf", inline=inline
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    response.file_to_stream.close()
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies


def debug_urlpatterns():
    """The project's URLconf as ``DEBUG=True`` (``make run``) would build it."""
    path = Path(settings.BASE_DIR) / "portal" / "urls.py"
    spec = importlib.util.spec_from_file_location("portal.urls_as_in_debug", path)
    module = importlib.util.module_from_spec(spec)
    with override_settings(DEBUG=True):
        spec.loader.exec_module(module)
    return module.urlpatterns


def views(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry.callback


def test_no_url_serves_a_directory_even_in_debug(db):
    assert static.serve not in set(views(debug_urlpatterns()))


def test_media_root_is_private_and_a_stored_file_has_no_address(client, db, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    assert media.name == "private-files"
    for public in (settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not media.is_relative_to(public)
    on_disk = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with override_settings(MEDIA_ROOT=tmp_path, STORAGES={**settings.STORAGES, "default": on_disk}):
        from django.core.files.storage import default_storage

        name = default_storage.save("members/abc/leaflet", io.BytesIO(samples.PDF))
        assert (tmp_path / name).read_bytes() == samples.PDF
        response = client.get(settings.MEDIA_URL + name, follow=True)
    assert response.status_code == 404
    assert samples.PDF not in response.content
