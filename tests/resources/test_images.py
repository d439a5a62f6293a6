"""Wagtail images and documents: served through views that check access, never from storage."""

import html
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from home.models import ContentPage
from tests.auth import PASSWORD, log_in, make_user
from tests.resources import samples
from tests.resources.samples import KIND_REFUSED, PNG_MAGIC, body


@pytest.fixture
def public_image(db):
    return samples.image(Collection.get_first_root_node(), title="public-poster")


@pytest.fixture
def private_image(db):
    return samples.image(samples.collection("Members only", restricted=True), title="case-map")


@pytest.fixture
def password_only(django_user_model, organization, pledge):
    make_user(django_user_model, "halfway", organization=organization)
    client = Client()
    client.post("/members/login/", {"username": "halfway", "password": PASSWORD})
    return client


def test_rendition_urls_point_at_the_checking_view(public_image):
    url = public_image.get_rendition("width-4").url
    assert re.fullmatch(r"/images/[\w-]+=*/\d+/width-4/public-poster\w*\.png", url), url
    assert "/media/" not in url


def test_a_public_image_is_served_to_anonymous_readers_without_a_cookie(client, public_image):
    response = client.get(public_image.get_rendition("width-4").url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(PNG_MAGIC)
    assert not response.cookies


def test_a_restricted_image_is_for_verified_members_only(
    client, password_only, django_user_model, organization, private_image
):
    url = private_image.get_rendition("width-4").url
    for refused in (client, password_only):
        response = refused.get(url)
        assert response.status_code == 404
        assert PNG_MAGIC not in response.content
    assert not client.get(url).cookies

    member = Client()
    log_in(member, make_user(django_user_model, "reader", organization=organization))
    response = member.get(url)
    assert response.status_code == 200
    assert body(response).startswith(PNG_MAGIC)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def test_a_bad_signature_is_refused(member_client, public_image, private_image):
    # The same answer for a public and a private image: it tells nothing of which exists.
    for image in (public_image, private_image):
        url = image.get_rendition("width-4").url
        forged = re.sub(r"^/images/[^/]+/", "/images/forged-signature/", url)
        for client in (Client(), member_client):
            response = client.get(forged)
            assert response.status_code == 404
            assert PNG_MAGIC not in response.content


def test_an_image_block_in_a_page_body_uses_the_image_view(client, db, public_image):
    page = ContentPage.objects.live().filter(locale__language_code="en").first()
    page.body = [
        {"type": "image", "value": {"image": public_image.pk, "decorative": True, "alt_text": ""}}
    ]
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    assert not response.cookies
    sources = re.findall(r'<img[^>]*\bsrc="([^"]+)"', response.content.decode())
    image_sources = [src for src in sources if "public-poster" in src]
    assert image_sources and all(src.startswith("/images/") for src in image_sources)
    image = client.get(image_sources[0])
    assert image.status_code == 200
    assert body(image).startswith(PNG_MAGIC)


@pytest.fixture
def english_staff_client(staff_client, staff):
    # The admin speaks Japanese by default; these tests read the English message.
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    return staff_client


def add_document(client, name, data):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_the_admin_refuses_a_program_named_pdf_with_the_clear_message(english_staff_client):
    documents = get_document_model().objects
    before = documents.count()
    response = add_document(english_staff_client, "leaflet.pdf", samples.EXE)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert KIND_REFUSED in page
    assert "File extension" not in page
    assert documents.count() == before

    response = add_document(english_staff_client, "empty.pdf", b"")
    assert "The submitted file is empty." in html.unescape(response.content.decode())
    assert documents.count() == before

    response = add_document(english_staff_client, "leaflet.pdf", samples.PDF)
    assert response.status_code == 302
    assert documents.count() == before + 1


def test_the_multiple_upload_refuses_it_too(english_staff_client):
    documents = get_document_model().objects
    before = documents.count()
    response = english_staff_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("leaflet.pdf", samples.ELF),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json() == {"success": False, "error_message": KIND_REFUSED}
    assert documents.count() == before


def cache_directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_public_document_is_not_kept_in_a_shared_cache(db, on_disk, client):
    document = samples.document(Collection.get_first_root_node())
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == samples.PDF
    assert {"private", "no-store"} <= cache_directives(response)
    assert not response.cookies


@pytest.fixture
def on_disk(tmp_path):
    """Local production storage: Wagtail streams documents only from a real path."""
    disk = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with override_settings(MEDIA_ROOT=tmp_path, STORAGES={**settings.STORAGES, "default": disk}):
        yield tmp_path


def test_a_restricted_document_is_refused_to_anonymous_and_password_only_visitors(
    on_disk, password_only, member_client
):
    document = samples.document(samples.collection("Case meetings", restricted=True))
    anonymous = Client()
    missing = document.url.replace(f"/documents/{document.pk}/", "/documents/999999/")
    for refused in (anonymous, password_only):
        response = refused.get(document.url)
        # As if it did not exist: the answer to a document that does not.
        assert response.status_code == 404
        assert samples.PDF not in response.content
        other = refused.get(missing).content.decode().replace(missing, document.url)
        assert response.content.decode() == other
    assert not anonymous.get(document.url).cookies

    assert (on_disk / document.file.name).read_bytes() == samples.PDF
    response = member_client.get(document.url)
    assert response.status_code == 200
    assert body(response) == samples.PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= cache_directives(response)
