import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A feed is fetched by calendar apps every few minutes: note its use at most this often.
USE_RECORDED_EVERY = datetime.timedelta(hours=1)


class CalendarFeed(models.Model):
    """A member's private calendar feed: a secret URL, stored only as a hash."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"calendar feed of {self.user}"

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def renew(cls, user):
        """Replace the user's feed (the old URL stops working); returns it with ``token``."""
        token = secrets.token_urlsafe(32)
        cls.objects.filter(user=user).delete()
        feed = cls.objects.create(user=user, token_hash=cls.hash_token(token))
        feed.token = token
        return feed

    @classmethod
    def find(cls, token):
        return cls.objects.select_related("user").filter(token_hash=cls.hash_token(token)).first()

    def record_use(self):
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > USE_RECORDED_EVERY:
            CalendarFeed.objects.filter(pk=self.pk).update(last_used_at=now)
