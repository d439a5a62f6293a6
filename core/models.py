import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import files


class MemberFile(models.Model):
    """An uploaded file kept private: its kind comes from its content, not its name."""

    file = models.FileField(
        _("file"),
        upload_to=files.upload_to,
        validators=[files.validate_member_file],
        help_text=_("PDF, Office or OpenDocument files, images, MP4 or WebM videos, plain text."),
    )
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            kind = files.sniff(self.file)
            self.content_type = kind.mime if kind else "application/octet-stream"
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def kind(self):
        return next((k for k in files.KINDS.values() if k.mime == self.content_type), None)

    @property
    def is_image(self):
        return self.kind is not None and self.kind.extension in files.IMAGE_KINDS

    @property
    def is_video(self):
        return self.kind is not None and self.kind.extension in files.VIDEO_KINDS

    def download_name(self, title):
        return files.download_name(title, self.kind)

    def serve(self, request, title, *, inline=False):
        return files.serve(
            request,
            self.file,
            filename=self.download_name(title),
            content_type=self.content_type,
            inline=inline,
        )


class SecretToken(models.Model):
    """A row found by a secret sent to someone (a link, a feed address), kept only as a hash.

    ``issue()`` makes one and hands back the secret once, as ``token``; a
    database copy is of no use for getting in.
    """

    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        abstract = True

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, **fields):
        token = secrets.token_urlsafe(32)
        row = cls.objects.create(token_hash=cls.hash_token(token), **fields)
        row.token = token
        return row

    @classmethod
    def matching(cls, token):
        return cls.objects.filter(token_hash=cls.hash_token(token))
