"""Members' uploads: held across a refused form, and sent straight to the bucket on S3.

A file that passed the checks is held (``HeldUpload``, private storage under
``pending/``) when another field of the form is refused, and the form is shown
again with a signed token for it: the member need not choose it again, with or
without JavaScript. Only the same user in the same session can claim it back.

With an S3 bucket, the page's script asks :func:`direct_upload` for a presigned
POST limited to ``MEMBER_FILE_MAX_SIZE`` under ``pending/``; the browser sends
the file to the bucket itself (no app worker busy for minutes), and the form
then carries the token. :func:`check` looks at the object (size and kind, from
its first bytes) before anything uses it; :func:`store` copies it to its final
key inside the bucket.
"""

import hashlib
import io
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import files
from resources.models import HeldUpload
from resources.models.held import pending_name

logger = logging.getLogger("portal.files")

SALT = "resources.held-upload"
# A token older than this is refused even if the row is still there.
TOKEN_MAX_AGE = 24 * 60 * 60
# How long the browser may take to start sending a file to the bucket.
DIRECT_UPLOAD_EXPIRE = 60 * 60

try:
    from botocore.exceptions import BotoCoreError, ClientError

    # What a storage raises when it cannot keep or hand back a file.
    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - django-storages[s3] brings botocore
    STORAGE_ERRORS = (OSError,)


class Owner:
    """Who may claim a held file: one user, in one session."""

    def __init__(self, user, session_key):
        self.user = user
        self.session_hash = hashlib.sha256((session_key or "").encode()).hexdigest()
        self.valid = bool(user is not None and user.is_authenticated and session_key)

    @classmethod
    def of(cls, request):
        if not request.session.session_key:
            request.session.cycle_key()  # logged-in members always have one; be sure
        return cls(request.user, request.session.session_key)

    def held(self):
        if not self.valid:
            return HeldUpload.objects.none()
        return HeldUpload.objects.filter(user=self.user, session_hash=self.session_hash)


def token_for(held):
    return signing.dumps(held.pk, salt=SALT)


def claim(owner, token):
    """The held file ``token`` names, if it is this owner's; otherwise None."""
    if not token or owner is None:
        return None
    try:
        pk = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return owner.held().filter(pk=pk).first()


def hold(owner, upload):
    """Keep a checked upload for this owner while she corrects the form."""
    kind = files.sniff(upload)
    # A savepoint: when the storage fails, the request's transaction goes on.
    with transaction.atomic():
        return HeldUpload.objects.create(
            user=owner.user,
            session_hash=owner.session_hash,
            file=upload,
            name=upload.name,
            size=upload.size,
            content_type=kind.mime if kind else "application/octet-stream",
            checked=True,
        )


# Object storage


def s3_storage(storage=None):
    """The S3 storage, or None when files are kept elsewhere (local disk, memory)."""
    storage = storage or default_storage
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover
        return None
    return storage if isinstance(storage, S3Storage) else None


def _client(storage):
    return storage.connection.meta.client


def bucket_origin():
    """The origin the browser sends files to, for the page's connect-src; None without S3."""
    storage = s3_storage()
    if storage is None:
        return None
    url = _client(storage).generate_presigned_post(storage.bucket_name, "origin")["url"]
    scheme, _sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def size_refusal(size):
    limit = settings.MEMBER_FILE_MAX_SIZE
    if size > limit:
        return ValidationError(
            _("This file is %(size)s MB; files can be at most %(limit)s MB."),
            code="too_large",
            params={"size": round(size / 2**20, 1), "limit": limit // 2**20},
        )
    return None


def direct_upload(owner, name, size):
    """A presigned POST for one file of at most ``MEMBER_FILE_MAX_SIZE`` under ``pending/``.

    Returns ``(url, fields, token)``. The pending row is what the retention job
    deletes, with the object, if the form is never sent.
    """
    storage = s3_storage()
    key = storage.get_available_name(pending_name(name))
    held = HeldUpload.objects.create(
        user=owner.user, session_hash=owner.session_hash, file=key, name=name[:255], size=size
    )
    cache_control = storage.object_parameters.get("CacheControl", "private, no-store")
    post = _client(storage).generate_presigned_post(
        storage.bucket_name,
        key,
        Fields={"Cache-Control": cache_control},
        Conditions=[
            ["content-length-range", 1, settings.MEMBER_FILE_MAX_SIZE],
            {"Cache-Control": cache_control},
        ],
        ExpiresIn=DIRECT_UPLOAD_EXPIRE,
    )
    return post["url"], post["fields"], token_for(held)


def _head(storage, name):
    s3 = s3_storage(storage)
    if s3 is not None:
        answer = _client(s3).get_object(
            Bucket=s3.bucket_name, Key=name, Range=f"bytes=0-{files.HEAD_SIZE - 1}"
        )
        return answer["Body"].read()
    with storage.open(name, "rb") as file:
        return file.read(files.HEAD_SIZE)


def check(held):
    """Look at a file sent straight to the bucket before anything uses it.

    Raises ValidationError (and forgets the file) when it is missing, too large
    or not a kind the network shares.
    """
    if held.checked:
        return held
    storage = held.file.storage
    if not storage.exists(held.file.name):
        held.delete()
        raise ValidationError(
            _("This file did not arrive. Please choose it again."), code="missing"
        )
    size = storage.size(held.file.name)
    refusal = size_refusal(size)
    kind = None if refusal else files.sniff(io.BytesIO(_head(storage, held.file.name)))
    if refusal is None and kind is None:
        refusal = ValidationError(
            _(
                "This file's content is not a kind the network shares. "
                "Allowed: %(kinds)s. Renaming a file does not change its content."
            ),
            code="kind",
            params={"kinds": files.lazy_allowed_labels()},
        )
    if refusal is not None:
        held.delete()
        raise refusal
    held.size = size
    held.content_type = kind.mime
    held.checked = True
    held.save(update_fields=["size", "content_type", "checked"])
    return held


def store(upload, instance):
    """Store a new upload or a held file under its final name; ``(name, content_type, size)``.

    A held file is copied inside the storage (within the bucket on S3, never
    through this process); the held copy is deleted once the proposal is saved.
    """
    if isinstance(upload, HeldUpload):
        target = files.upload_to(instance, upload.name)
        storage = upload.file.storage
        s3 = s3_storage(storage)
        if s3 is not None:
            target = s3.get_available_name(target)
            _client(s3).copy_object(
                Bucket=s3.bucket_name,
                Key=target,
                CopySource={"Bucket": s3.bucket_name, "Key": upload.file.name},
                MetadataDirective="REPLACE",
                ContentType=upload.content_type,
                CacheControl=s3.object_parameters.get("CacheControl", "private, no-store"),
            )
            name = target
        else:
            with storage.open(upload.file.name, "rb") as file:
                name = storage.save(target, file)
        return name, upload.content_type, upload.size
    storage = default_storage
    kind = files.sniff(upload)
    name = storage.save(files.upload_to(instance, upload.name), upload)
    return name, kind.mime if kind else "application/octet-stream", upload.size


def forget(names, storage=None):
    """Delete stored files of a request that failed, as far as the storage lets us."""
    storage = storage or default_storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.error("Could not delete %s after a failed upload", name, exc_info=True)
