import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import SecretToken

# A feed is fetched by calendar apps every few minutes: note its use at most this often.
USE_RECORDED_EVERY = datetime.timedelta(hours=1)


class CalendarFeed(SecretToken):
    """A member's private calendar feed: a secret URL, stored only as a hash."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        db_table = "members_calendarfeed"  # created by the members app, before events had its own
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"calendar feed of {self.user}"

    @classmethod
    def renew(cls, user):
        """Replace the user's feed (the old URL stops working); returns it with ``token``."""
        cls.objects.filter(user=user).delete()
        return cls.issue(user=user)

    @classmethod
    def find(cls, token):
        return cls.matching(token).select_related("user").first()

    def record_use(self):
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > USE_RECORDED_EVERY:
            CalendarFeed.objects.filter(pk=self.pk).update(last_used_at=now)
