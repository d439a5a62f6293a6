import logging
import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.text import slugify

logger = logging.getLogger("portal.files")

# Held and pending files wait here: a bucket lifecycle rule on it is a second net.
PENDING_PREFIX = "pending/"


def pending_name(filename):
    base = os.path.basename(filename)
    safe = slugify(base.rpartition(".")[0] or base)[:60] or "file"
    return f"{PENDING_PREFIX}{uuid.uuid4().hex}/{safe}"


def _held_upload_to(instance, filename):
    return pending_name(filename)


class HeldUpload(models.Model):
    """A file a member chose, held for her own session until her proposal is saved.

    Either a file that passed the checks while another field of the form was
    refused (so that she need not choose it again), or a file she is sending
    straight to the bucket (``checked`` stays False until the server has seen it).
    Deleted with its stored file on success, on removal, or by the retention job.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # A hash of the session key: the file belongs to one login, not only to one person.
    session_hash = models.CharField(max_length=64)
    file = models.FileField(upload_to=_held_upload_to, max_length=255)
    # The name she chose it under, shown back to her.
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    checked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


@receiver(post_delete, sender=HeldUpload)
def _delete_stored_file(sender, instance, **kwargs):
    if not instance.file.name:
        return
    try:
        instance.file.storage.delete(instance.file.name)
    except Exception:  # the row is gone either way; the bucket's lifecycle rule is the net
        logger.warning("Could not delete the held file %s", instance.file.name, exc_info=True)
