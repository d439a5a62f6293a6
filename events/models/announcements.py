"""That staff saw who an event's announcement goes to and agreed to send it.

Publishing emails an event's whole audience, so nothing is sent until a
member of staff has confirmed it for that event (``events.admin_views``).
Kept apart from the event, like ``EventAnnouncement``, so that no revision
can carry or undo it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnouncementConfirmation(models.Model):
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="announcement_confirmation",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients shown"))

    class Meta:
        verbose_name = _("announcement confirmation")
        verbose_name_plural = _("announcement confirmations")

    def __str__(self):
        return f"{self.event_id} confirmed {self.confirmed_at:%Y-%m-%d %H:%M}"
