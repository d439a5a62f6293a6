"""Back up and restore, as an operator would: production settings, PostgreSQL, an S3 bucket.

The site runs in its own processes (``manage.py`` with production settings) on
a fresh PostgreSQL database and moto's S3 server. A page and a members' file
(a document whose file is an object in the bucket) are made, backed up,
the database and bucket wiped, then restored, and both are found again.
"""

import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.resources.s3 import ACCESS_KEY, BUCKET, REGION, SECRET_KEY, start_server

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BACKUP_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

pytestmark = pytest.mark.production

MAKE = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from home.models import ContentPage
root = Page.objects.get(depth=1)
root.add_child(instance=ContentPage(title="避難の手引き（バックアップ確認）", slug="backup-check"))
members = Collection.get_first_root_node().add_child(name="Members")
CollectionViewRestriction.objects.create(collection=members, restriction_type="login")
get_document_model().objects.create(
    title="case-meeting-notes", collection=members,
    file=ContentFile(b"%PDF-1.4 notes of the case meeting", name="notes.pdf"),
)
"""
FIND = """
import json
from wagtail.documents import get_document_model
from wagtail.models import Page
page = Page.objects.get(slug="backup-check").specific
document = get_document_model().objects.get(title="case-meeting-notes")
with document.file.open("rb") as handle:
    data = handle.read()
print(json.dumps({"page": [type(page).__name__, page.title, page.live],
                  "document": [document.file.name, data.decode(), document.collection.name]}))
"""


def run(command, env, *, check=True):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if check:
        assert result.returncode == 0, (
            f"{command[2:]}:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"
        )
    return result


def manage(env, *args, check=True):
    return run([sys.executable, "manage.py", *args], env, check=check)


def shell(env, code, *, check=True):
    """Run code in manage.py shell; its output without the shell's own messages."""
    return manage(env, "shell", "--no-imports", "-c", code, check=check)


def postgres(sql):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture
def site(tmp_path):
    """Production settings on a fresh database and an empty bucket of a local S3 server."""
    server = start_server()
    database = f"portal_backup_{secrets.token_hex(4)}"
    postgres(f'CREATE DATABASE "{database}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))} | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": server.endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "ERROR",
    }
    try:
        yield env, server, database
    finally:
        server.stop()
        postgres(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def objects(server):
    listed = server.client().list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listed}


def test_a_backup_restores_the_database_and_the_bucket(site, tmp_path):
    env, server, database = site
    manage(env, "migrate", "--noinput", "-v0")
    shell(env, MAKE)
    before = json.loads(shell(env, FIND).stdout)
    keys = objects(server)
    assert len(keys) == 1

    out = manage(env, "backup_create", "--output", str(tmp_path / "backups")).stdout
    (archive,) = (tmp_path / "backups").glob("portal-backup-*.tar")
    assert str(archive) in out
    assert archive.stat().st_mode & 0o077 == 0  # private member files: owner only
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names == {"database.dump", "manifest.json", *(f"files/{key}" for key in keys)}
    assert [entry["name"] for entry in manifest["files"]] == sorted(keys)
    assert manifest["files"][0]["content_type"] == "application/pdf"

    # Wipe: a new empty database under the same name, an empty bucket.
    postgres(f'DROP DATABASE "{database}" WITH (FORCE)')
    postgres(f'CREATE DATABASE "{database}"')
    s3 = server.client()
    for key in keys:
        s3.delete_object(Bucket=BUCKET, Key=key)
    assert objects(server) == set()
    assert shell(env, FIND, check=False).returncode != 0

    restored = manage(env, "backup_restore", str(archive)).stdout
    assert "Restored the database and 1 files" in restored
    assert json.loads(shell(env, FIND).stdout) == before
    assert before["page"] == ["ContentPage", "避難の手引き（バックアップ確認）", True]
    assert before["document"][1] == "%PDF-1.4 notes of the case meeting"
    assert objects(server) == keys
    (key,) = keys
    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == "application/pdf"
    assert head["CacheControl"] == "private, no-store"

    # A second restore over the restored site is refused and changes nothing.
    again = manage(env, "backup_restore", str(archive), check=False)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert objects(server) == keys
    assert json.loads(shell(env, FIND).stdout) == before


def test_a_restore_into_a_used_bucket_is_refused_before_anything_is_written(site, tmp_path):
    env, server, _database = site
    archive = tmp_path / "portal-backup-test.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(__file__, arcname="manifest.json")  # never read: the bucket check comes first
    server.client().put_object(Bucket=BUCKET, Key="members/other/file", Body=b"someone's")
    refused = manage(env, "backup_restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "storage already holds files" in refused.stderr
    assert objects(server) == {"members/other/file"}


def test_a_failed_restore_leaves_neither_files_nor_tables(site, tmp_path):
    """The files go back first; when the database then fails, they are removed again."""
    env, server, database = site
    data = b"%PDF-1.4 a members' file"
    manifest = {
        "format": 1,
        "created": "2026-12-07T03:00:00+00:00",
        "files": [
            {
                "name": "members/0123/leaflet",
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "content_type": "application/pdf",
            }
        ],
    }
    archive = tmp_path / "portal-backup-broken.tar"
    with tarfile.open(archive, "w") as tar:
        for name, content in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("files/members/0123/leaflet", data),
            ("database.dump", b"PGDMP not really a dump"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    failed = manage(env, "backup_restore", str(archive), check=False)
    assert failed.returncode != 0
    assert "pg_restore failed, the database is unchanged" in failed.stderr
    assert objects(server) == set()
    tables = shell(
        env,
        "from django.db import connection; print(len(connection.introspection.table_names()))",
    )
    assert tables.stdout.strip() == "0"
