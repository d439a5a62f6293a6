"""PRIVATE_FILES_ACCEL_REDIRECT: after the access check, nginx sends the file.

The app answers with an empty body and ``X-Accel-Redirect`` naming the file
under nginx's internal location (deploy/nginx/portal.conf); those who may not
have the file still get nothing but a refusal.
"""

from pathlib import Path

import pytest
from django.test import Client
from wagtail.utils.sendfile import _get_sendfile

from resources.models import Audience
from tests.resources.factories import make_resource, stored
from tests.resources.samples import PDF, collection, document

LIBRARY = "/members/library/"
PREFIX = "/_private/"
DEPLOY_NGINX = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "portal.conf"


@pytest.fixture
def accel(settings, tmp_path):
    """Files on local disk in a temporary MEDIA_ROOT, handed over to nginx."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.PRIVATE_FILES_ACCEL_REDIRECT = PREFIX
    settings.SENDFILE_BACKEND = "core.files"
    _get_sendfile.clear()  # Wagtail keeps the backend it loaded first
    yield tmp_path
    del settings.SENDFILE_BACKEND
    _get_sendfile.clear()


def on_disk(media_root, response):
    """The file nginx would send for this answer."""
    location = response["X-Accel-Redirect"]
    assert location.startswith(PREFIX)
    return (media_root / location.removeprefix(PREFIX)).read_bytes()


def test_a_members_download_is_handed_to_nginx_with_its_headers(accel, member_client):
    resource = make_resource("Leaflet", languages=("en",))
    resource_file = resource.versions.first().files.get()
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{resource_file.pk}/")
    assert response.status_code == 200
    assert response.content == b""  # nothing streamed by the app
    assert on_disk(accel, response) == stored(resource_file)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_a_preview_is_handed_over_inline(accel, member_client):
    resource = make_resource("Poster")
    resource_file = resource.versions.first().files.get()
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{resource_file.pk}/preview/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Disposition"].startswith("inline;")
    assert on_disk(accel, response) == stored(resource_file)


def test_the_access_check_still_comes_first(accel, member_client):
    hidden = make_resource("Practitioners only", audience=Audience.PRACTITIONERS)
    hidden_file = hidden.versions.first().files.get()
    url = f"{LIBRARY}{hidden.pk}/files/{hidden_file.pk}/"
    refused = member_client.get(url)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert "X-Accel-Redirect" not in anonymous


def test_a_members_document_is_handed_over_and_refused_to_visitors(accel, member_client):
    members_only = document(collection("Members", restricted=True))
    refused = Client().get(members_only.url)
    assert refused.status_code == 404  # as if it did not exist
    assert "X-Accel-Redirect" not in refused
    response = member_client.get(members_only.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == b""
    assert on_disk(accel, response) == PDF
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_without_the_setting_the_app_streams_the_file(member_client, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = ""
    resource = make_resource("Leaflet")
    resource_file = resource.versions.first().files.get()
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{resource_file.pk}/")
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == stored(resource_file)


def test_nginx_has_the_internal_location_with_the_same_prefix():
    conf = DEPLOY_NGINX.read_text()
    block = conf.split(f"location {PREFIX} {{", 1)[1].split("}", 1)[0]
    assert "internal;" in block
    assert "alias /var/lib/portal/media/;" in block
    assert 'add_header Cache-Control "private, no-store" always;' in block
    assert "add_header X-Content-Type-Options nosniff always;" in block
