from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organizations import Organization, OrganizationFields
from .pledges import PledgeVersion


class Application(OrganizationFields):
    """A sign-up through the public form, kept whatever happens to the emails about it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    language = models.CharField(_("language of the form"), max_length=15)
    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.PROTECT, verbose_name=_("pledge accepted")
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Sent to the applicant."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    organization = models.OneToOneField(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.name
