"""Back up the site into one dated archive: the PostgreSQL database and every stored file.

    python manage.py backup_create --output /var/backups/portal

writes ``portal-backup-<UTC date and time>.tar`` (mode 0600) holding

- ``database.dump``: ``pg_dump --format=custom`` of the site's database;
- ``files/<name>``: every object of the default storage, the private bucket in
  production (members' files, documents, images and their renditions), or
  ``MEDIA_ROOT`` without one;
- ``manifest.json``: when, and each file's name, size, SHA-256 and content type.

``backup_restore`` puts an archive back into an empty database and bucket. The
archive holds what members shared in confidence: keep it encrypted and off
the server (docs/operations.md).
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.progress import command_progress

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files/"
FORMAT = 1


def postgres_environment():
    """libpq's variables for the site's database: the password never appears in a command line."""
    if connection.vendor != "postgresql":
        raise CommandError(
            "Backups are of a PostgreSQL database; this site runs on " + connection.vendor
        )
    db = settings.DATABASES["default"]
    env = {
        "PGDATABASE": db["NAME"],
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
    }
    return os.environ | {k: v for k, v in env.items() if v}


def postgres_program(name):
    """pg_dump or pg_restore from PATH (Debian: postgresql-client, the server's major version)."""
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} is not installed: apt-get install postgresql-client")
    return found


def stored_names(storage, directory=""):
    """Every file name in the storage, depth first, sorted."""
    directories, files = storage.listdir(directory)
    prefix = f"{directory}/" if directory else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(directories):
        yield from stored_names(storage, prefix + sub)


def content_type(storage, name):
    """The object's content type in a bucket (kept on restore); None on disk."""
    bucket = getattr(storage, "bucket", None)
    return bucket.Object(storage._normalize_name(name)).content_type if bucket else None


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and every stored file into one dated archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=".", help="Directory for the archive.")

    def handle(self, *args, output, **options):
        self.verbosity = options["verbosity"]
        environment = postgres_environment()
        now = datetime.datetime.now(datetime.UTC)
        directory = Path(output)
        directory.mkdir(parents=True, exist_ok=True)
        archive_path = directory / f"portal-backup-{now:%Y%m%dT%H%M%SZ}.tar"
        partial = archive_path.with_suffix(".tar.partial")
        manifest = {"format": FORMAT, "created": now.isoformat(), "files": []}
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
                with tempfile.TemporaryDirectory() as scratch:
                    dump = Path(scratch) / DUMP
                    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                        [
                            postgres_program("pg_dump"),
                            "--format=custom",
                            "--no-owner",
                            "--file",
                            str(dump),
                        ],
                        env=environment,
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                    if result.returncode:
                        raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
                    tar.add(dump, arcname=DUMP)
                names = list(stored_names(default_storage))
                for name in command_progress(self, names, desc="files", unit=" files"):
                    size = default_storage.size(name)
                    digest = hashlib.sha256()
                    info = tarfile.TarInfo(FILES + name)
                    info.size, info.mtime, info.mode = size, int(now.timestamp()), 0o600
                    with default_storage.open(name, "rb") as handle:
                        tar.addfile(info, _Hashing(handle, digest))
                    manifest["files"].append(
                        {
                            "name": name,
                            "size": size,
                            "sha256": digest.hexdigest(),
                            "content_type": content_type(default_storage, name),
                        }
                    )
                data = json.dumps(manifest, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
            partial.rename(archive_path)  # a complete archive, or none under this name
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(
            f"{archive_path} ({len(manifest['files'])} files, "
            f"{archive_path.stat().st_size / 2**20:.1f} MB)"
        )


class _Hashing:
    """A file read by tarfile, hashed on the way."""

    def __init__(self, handle, digest):
        self.handle, self.digest = handle, digest

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk
