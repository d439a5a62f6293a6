"""Restore an archive of ``backup_create`` into an empty database and an empty bucket.

    python manage.py backup_restore /var/backups/portal/portal-backup-20261207T030000Z.tar

Refuses, and changes nothing, when the database has any table or the storage
any file. Files go back first, each checked against the SHA-256 in the
manifest; then ``pg_restore --single-transaction`` loads the database. If any
step fails, the files already put back are removed again and the database is
left as it was: nothing is half-restored.
"""

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.progress import command_progress

from .backup_create import (
    DUMP,
    FILES,
    FORMAT,
    MANIFEST,
    postgres_environment,
    postgres_program,
    stored_names,
)


def safe_name(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise CommandError(f"The archive names a file outside the storage: {name!r}")
    return str(path)


def open_archive(path):
    try:
        return tarfile.open(path, mode="r:")
    except (OSError, tarfile.TarError) as error:
        raise CommandError(f"Cannot read {path}: {error}") from error


class Command(BaseCommand):
    help = "Restore a backup_create archive into an empty database and storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar written by backup_create.")

    def handle(self, *args, archive, **options):
        self.verbosity = options["verbosity"]
        environment = postgres_environment()
        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables). "
                "Restore into a new, empty database (createdb) and point DATABASE_URL at it."
            )
        connection.close()  # pg_restore needs the database to itself
        if next(stored_names(default_storage), None) is not None:
            raise CommandError(
                "The storage already holds files. Restore into an empty bucket (or MEDIA_ROOT)."
            )
        with open_archive(archive) as tar:
            try:
                manifest = json.load(tar.extractfile(MANIFEST))
            except KeyError as error:
                raise CommandError(f"{archive} has no {MANIFEST}: not a backup archive") from error
            if manifest.get("format") != FORMAT:
                raise CommandError(f"Unknown archive format {manifest.get('format')!r}.")
            written = []
            try:
                entries = command_progress(self, manifest["files"], desc="files", unit=" files")
                for entry in entries:
                    written.append(self.restore_file(tar, entry))
                self.restore_database(tar, environment)
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
        self.stdout.write(
            f"Restored the database and {len(written)} files from {manifest['created']}. "
            "Clear the page cache (Redis) if this site ran before, and run update_index "
            "only if the search index is not in the database."
        )

    def restore_file(self, tar, entry):
        name = safe_name(entry["name"])
        try:
            info = tar.getmember(FILES + name)
        except KeyError as error:
            raise CommandError(f"{name} is in the manifest but not in the archive") from error
        member = tar.extractfile(info)
        digest = hashlib.sha256()
        for chunk in iter(lambda: member.read(1 << 20), b""):
            digest.update(chunk)
        if digest.hexdigest() != entry["sha256"]:
            raise CommandError(f"{name} is damaged in the archive (SHA-256 differs)")
        member.seek(0)
        content = File(member, name=name)
        content.size = info.size  # not the archive's size, which File would find by its name
        content.content_type = entry.get("content_type")
        saved = default_storage.save(name, content)
        if saved != name:
            default_storage.delete(saved)
            raise CommandError(f"{name} could not be stored under its own name")
        return name

    def restore_database(self, tar, environment):
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / DUMP
            with tar.extractfile(DUMP) as source, dump.open("wb") as target:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    target.write(chunk)
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [
                    postgres_program("pg_restore"),
                    "--single-transaction",
                    "--exit-on-error",
                    "--no-owner",
                    "--no-acl",
                    "--dbname",
                    environment["PGDATABASE"],
                    str(dump),
                ],
                env=environment,
                capture_output=True,
                text=True,
                check=False,
            )
        if result.returncode:
            raise CommandError(
                f"pg_restore failed, the database is unchanged: {result.stderr.strip()}"
            )
