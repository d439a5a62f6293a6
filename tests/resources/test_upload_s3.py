"""On S3, files go straight to the bucket with a presigned POST, and are checked after.

Against a real S3 API on 127.0.0.1 (moto's server, see s3.py): the browser's
part (a multipart POST of the form fields and the file) is made here with
``requests``, without a proxy.
"""

import base64
import json

import pytest
import requests
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from storages.backends.s3 import S3Storage

from resources.models import HeldUpload, Resource, ResourceFile
from tests.auth import log_in_password_only
from tests.resources.conftest import member_with
from tests.resources.factories import pdf_bytes
from tests.resources.s3 import BUCKET
from tests.resources.samples import EXE
from tests.resources.test_proposals import PROPOSE, form_data, upload

UPLOAD = "/members/library/propose/upload/"
LEAFLET = pdf_bytes("a leaflet sent to the bucket")


@pytest.fixture
def bucket(s3_server):
    with override_settings(
        STORAGES={**settings.STORAGES, "default": s3_server.storage()},
        MEMBER_FILES_SIGNED_URLS=True,
    ):
        yield s3_server.client()
    client = s3_server.client()
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


@pytest.fixture(autouse=True)
def english(member_client):
    member_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def keys(client, prefix=""):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


no_proxy = requests.Session()
no_proxy.trust_env = False


def send_to_bucket(member_client, content, name="leaflet.pdf"):
    """What the page's script does: ask for a presigned POST, send the file with it."""
    answer = member_client.post(UPLOAD, {"name": name, "size": len(content)})
    assert answer.status_code == 200, answer.content
    assert "private, no-store" in answer["Cache-Control"]
    post = answer.json()
    sent = no_proxy.post(
        post["url"], data=post["fields"], files={"file": (name, content)}, timeout=10
    )
    assert sent.status_code in (200, 201, 204), sent.text
    return post


def test_the_page_may_talk_to_the_bucket_and_only_then(member_client, bucket, s3_server):
    response = member_client.get(PROPOSE)
    policy = response["Content-Security-Policy"]
    assert f"connect-src 'self' {s3_server.endpoint}" in policy
    assert f'data-direct-upload="{UPLOAD}"' in response.content.decode()


def test_a_presigned_post_is_limited_in_size_and_place(member_client, bucket):
    answer = member_client.post(UPLOAD, {"name": "チラシ.pdf", "size": 1234}).json()
    policy = json.loads(base64.b64decode(answer["fields"]["policy"]))
    key = answer["fields"]["key"]
    assert key.startswith("pending/")
    assert ["content-length-range", 1, settings.MEMBER_FILE_MAX_SIZE] in policy["conditions"]
    assert {"key": key} in policy["conditions"]
    held = HeldUpload.objects.get()
    assert (held.file.name, held.name, held.checked) == (key, "チラシ.pdf", False)


def test_a_file_too_large_gets_no_presigned_post(member_client, bucket):
    answer = member_client.post(
        UPLOAD, {"name": "film.mp4", "size": settings.MEMBER_FILE_MAX_SIZE + 1}
    )
    assert answer.status_code == 400
    assert "files can be at most 200 MB" in answer.json()["error"]
    assert not HeldUpload.objects.exists()


def test_only_members_with_both_factors_and_the_token_get_a_presigned_post(
    bucket, member, django_user_model
):
    assert Client().post(UPLOAD, {"name": "a.pdf", "size": 10}).status_code in (302, 403)
    password_only = log_in_password_only(Client(), member)
    assert password_only.post(UPLOAD, {"name": "a.pdf", "size": 10}).status_code in (302, 403)
    strict = Client(enforce_csrf_checks=True)
    from tests.auth import log_in

    log_in(strict, member)
    assert strict.post(UPLOAD, {"name": "a.pdf", "size": 10}).status_code == 403
    assert not HeldUpload.objects.exists()


def test_without_a_bucket_there_is_no_presigned_post(member_client):
    assert member_client.post(UPLOAD, {"name": "a.pdf", "size": 10}).status_code == 404


def test_a_file_sent_to_the_bucket_is_checked_and_moved_to_its_place(
    member_client, bucket, django_capture_on_commit_callbacks
):
    post = send_to_bucket(member_client, LEAFLET)
    pending = post["fields"]["key"]
    data = form_data()
    data.update({"files-0-language": "ja", "files-0-held": post["token"]})
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(PROPOSE, data)
    assert response.status_code == 302
    stored = ResourceFile.objects.get()
    assert stored.file.name.startswith("members/")
    assert (stored.content_type, stored.size) == ("application/pdf", len(LEAFLET))
    assert keys(bucket) == [stored.file.name]  # the pending object is gone
    obj = bucket.get_object(Bucket=BUCKET, Key=stored.file.name)
    assert obj["Body"].read() == LEAFLET
    assert obj["CacheControl"] == "private, no-store"
    assert pending != stored.file.name
    assert not HeldUpload.objects.exists()


def test_a_file_of_a_kind_not_shared_is_refused_after_arriving(member_client, bucket):
    post = send_to_bucket(member_client, EXE, "tool.pdf")
    data = form_data()
    data.update({"files-0-language": "ja", "files-0-held": post["token"]})
    html = member_client.post(PROPOSE, data).content.decode()
    assert "Renaming a file does not change its content" in html
    assert keys(bucket) == [] and not HeldUpload.objects.exists()
    assert not Resource.objects.exists()


def test_a_file_that_never_arrived_is_asked_for_again(member_client, bucket):
    answer = member_client.post(UPLOAD, {"name": "a.pdf", "size": 10}).json()
    data = form_data()
    data.update({"files-0-language": "ja", "files-0-held": answer["token"]})
    html = member_client.post(PROPOSE, data).content.decode()
    assert "This file did not arrive" in html
    assert not Resource.objects.exists()


def test_a_file_larger_than_announced_past_the_limit_is_refused(member_client, bucket):
    with override_settings(MEMBER_FILE_MAX_SIZE=len(LEAFLET) + 10):
        post = send_to_bucket(member_client, LEAFLET)
    big = LEAFLET + b"\x00" * 20
    bucket.put_object(Bucket=BUCKET, Key=post["fields"]["key"], Body=big)  # the limit's net
    data = form_data()
    data.update({"files-0-language": "ja", "files-0-held": post["token"]})
    with override_settings(MEMBER_FILE_MAX_SIZE=len(LEAFLET) + 10):
        html = member_client.post(PROPOSE, data).content.decode()
    assert "files can be at most" in html
    assert keys(bucket) == []


def test_a_member_of_another_organization_cannot_claim_a_sent_file(
    member_client, bucket, django_user_model
):
    from members.models import Organization

    post = send_to_bucket(member_client, LEAFLET)
    other = Organization.objects.create(
        name="別の事業所", kind="npo", address="上尾市", contact_name="佐藤",
        email="other@example.jp", phone="048",
    )  # fmt: skip
    stranger = member_with(django_user_model, other, "stranger")
    stranger.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    data = form_data()
    data.update({"files-0-language": "ja", "files-0-held": post["token"]})
    html = stranger.post(PROPOSE, data).content.decode()
    assert "no longer here" in html
    assert not Resource.objects.exists()
    assert keys(bucket) == [post["fields"]["key"]]  # still waiting for its owner


def test_the_bucket_failing_on_the_second_file_leaves_no_object_and_no_row(
    member_client, bucket, monkeypatch
):
    saves = []
    original = S3Storage._save

    def failing_save(self, name, content):
        saves.append(name)
        if len(saves) == 2:
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url="https://bucket.invalid")
        return original(self, name, content)

    monkeypatch.setattr(S3Storage, "_save", failing_save)
    response = member_client.post(
        PROPOSE, form_data(ja=upload(LEAFLET), en=upload(pdf_bytes("in English")))
    )
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()
    assert keys(bucket, "members/") == []
    # Both files held for her, in the pending place, for the next try.
    assert len(keys(bucket, "pending/")) == 2 == HeldUpload.objects.count()
    assert default_storage.exists(HeldUpload.objects.first().file.name)
