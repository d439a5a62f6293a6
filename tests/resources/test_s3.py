"""Production's storage against a real S3 API on 127.0.0.1 (moto's server, see s3.py).

Objects are private, members get them only through the views (a redirect to
a signed URL valid at most five minutes, or a stream), and nobody gets them
from the object's plain address.
"""

import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.test import Client, override_settings
from storages.backends.s3 import S3Storage
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core import files
from core.models import MemberFile
from portal.settings.object_storage import private_bucket
from resources.models import PortalImage, PortalRendition
from tests.resources import samples
from tests.resources.s3 import (
    BUCKET,
    expires_in,
    get,
    presigned_verdict,
)
from tests.resources.samples import PNG_MAGIC, body

PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture
def s3_storage(s3_server):
    """Production's storage options, pointed at the local server.

    Django's ``setting_changed`` receiver drops the cached ``default_storage``
    when STORAGES changes, and every file field here holds that lazy object
    (checked below), so documents, images, renditions and member files all
    go to the bucket.
    """
    with override_settings(
        STORAGES={**settings.STORAGES, "default": s3_server.storage()},
        MEMBER_FILES_SIGNED_URLS=True,
        WAGTAILDOCS_SERVE_METHOD="redirect",
    ):
        yield default_storage


def plain(storage):
    """STORAGES["default"] as JSON can carry it: botocore's Config by its settings."""
    config = storage["OPTIONS"]["client_config"]
    return storage | {
        "OPTIONS": storage["OPTIONS"]
        | {
            "client_config": {
                name: getattr(config, name)
                for name in ("signature_version", "connect_timeout", "read_timeout", "retries")
            }
        }
    }


def test_production_settings_build_this_storage():
    """The fixture's storage is production's: same function, same environment variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example.jp",
        "WAGTAILADMIN_BASE_URL": "https://portal.example.jp",
        "DATABASE_URL": "postgres://portal@127.0.0.1:1/portal",  # required, never reached
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "AWS_STORAGE_BUCKET_NAME": "network-files",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.jp",
        "AWS_S3_REGION_NAME": "jp-east-1",
        "AWS_ACCESS_KEY_ID": "key-id",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_CUSTOM_DOMAIN": "files.example.jp",  # no longer read: it would skip signing
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from tests.resources.test_s3 import plain; "
        "print(json.dumps([plain(s.STORAGES['default']), s.MEMBER_FILES_SIGNED_URLS, "
        "s.MEMBER_FILES_URL_EXPIRE, s.WAGTAILDOCS_SERVE_METHOD]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    storage, signed, expire, docs = json.loads(result.stdout)
    assert storage == plain(
        private_bucket(
            bucket_name="network-files",
            endpoint_url="https://s3.example.jp",
            region_name="jp-east-1",
            access_key="key-id",
            secret_key="secret",
            expire=300,
        )
    )
    # A bucket that does not answer holds a worker seconds, not minutes; signed with V4.
    assert storage["OPTIONS"]["client_config"] == {
        "signature_version": "s3v4",
        "connect_timeout": 5,
        "read_timeout": 60,
        "retries": {"max_attempts": 3, "mode": "standard"},
    }
    assert storage["OPTIONS"]["default_acl"] is None  # S3's default: private to the owner
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert "custom_domain" not in storage["OPTIONS"]
    assert (signed, expire, docs) == (True, 300, "redirect")


def test_every_file_field_stores_in_the_bucket(s3_storage):
    fields = [
        get_document_model()._meta.get_field("file"),
        PortalImage._meta.get_field("file"),
        PortalRendition._meta.get_field("file"),
        MemberFile._meta.get_field("file"),
    ]
    for field in fields:
        assert isinstance(field.storage, S3Storage), field
        assert field.storage.bucket_name == BUCKET


def assert_private(client, key):
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert grants and all(g["Grantee"].get("URI") not in PUBLIC_GRANTEES for g in grants)
    assert client.head_object(Bucket=BUCKET, Key=key)["CacheControl"] == "private, no-store"


def test_uploads_are_private_objects_in_the_bucket(s3_storage, s3_server, db):
    client = s3_server.client()
    document = samples.document(Collection.get_first_root_node())
    image = samples.image(Collection.get_first_root_node())
    assert client.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read() == samples.PDF
    assert (
        client.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read().startswith(PNG_MAGIC)
    )
    for key in (document.file.name, image.file.name):
        assert_private(client, key)


def test_the_plain_object_address_is_refused_to_anonymous_requests(s3_storage, s3_server, db):
    document = samples.document(Collection.get_first_root_node())
    status, _headers, content = get(s3_server.object_url(document.file.name))
    assert status == 403
    assert samples.PDF not in content
    # The same server hands a public-read object to anyone: the refusal above is the ACL's.
    s3_server.client().put_object(
        Bucket=BUCKET, Key="control/public.txt", Body=b"public", ACL="public-read"
    )
    assert get(s3_server.object_url("control/public.txt"))[0] == 200


def test_a_member_gets_a_restricted_document_by_a_signed_redirect(
    s3_storage, s3_server, member_client
):
    document = samples.document(samples.collection("Case meetings", restricted=True))
    refused = Client().get(document.url)
    assert refused.status_code == 404
    assert "Location" not in refused

    response = member_client.get(document.url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{s3_server.endpoint}/{BUCKET}/{document.file.name}?")
    assert presigned_verdict(location) is None
    assert expires_in(location) == 300
    status, _headers, content = get(location)
    assert (status, content) == (200, samples.PDF)


def test_an_image_rendition_is_streamed_from_the_bucket(s3_storage, s3_server, client, db):
    image = samples.image(Collection.get_first_root_node())
    response = client.get(image.get_rendition("width-4").url)
    assert response.status_code == 200
    assert body(response).startswith(PNG_MAGIC)
    rendition = image.renditions.get(filter_spec="width-4")
    assert_private(s3_server.client(), rendition.file.name)


def test_member_files_are_handed_out_by_a_signed_url_of_five_minutes_at_most(
    s3_storage, s3_server, rf
):
    field = MemberFile._meta.get_field("file")
    name = field.storage.save(files.upload_to(None, "minutes.pdf"), samples.document_file())
    stored = FieldFile(None, field, name)
    response = files.serve(
        rf.get("/"), stored, filename="会議資料.pdf", content_type="application/pdf"
    )
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert presigned_verdict(location) is None
    assert 0 < expires_in(location) <= 300
    query = dict(parse_qsl(urlsplit(location).query))
    assert query["response-cache-control"] == "private, no-store"

    status, headers, content = get(location)
    assert (status, content) == (200, samples.PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert (
        headers["Content-Disposition"]
        == "attachment; filename*=utf-8''%E4%BC%9A%E8%AD%B0%E8%B3%87%E6%96%99.pdf"
    )
    assert headers["Cache-Control"] == "private, no-store"


def test_a_signed_url_stops_working_when_it_expires(s3_storage, s3_server):
    name = s3_storage.save(files.upload_to(None, "minutes.pdf"), samples.document_file())
    url = s3_storage.url(name, expire=2)
    assert expires_in(url) == 2
    assert presigned_verdict(url) is None
    status, _headers, content = get(url)
    assert (status, content) == (200, samples.PDF)
    # Lengthening the lifetime breaks the signature, which covers X-Amz-Expires.
    assert presigned_verdict(url.replace("X-Amz-Expires=2", "X-Amz-Expires=3600")) == (
        "signature does not match"
    )
    forged = re.sub(r"X-Amz-Signature=\w+", "X-Amz-Signature=" + "0" * 64, url)
    assert presigned_verdict(forged) == "signature does not match"
    time.sleep(3)
    assert presigned_verdict(url) == "expired"
