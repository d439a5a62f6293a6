from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeVersion(models.Model):
    """A published text of the confidentiality pledge (要綱 第10条)."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("confidentiality pledge")
        verbose_name_plural = _("confidentiality pledges")
        ordering = ["-version"]

    def __str__(self):
        return f"v{self.version}"

    @classmethod
    def current(cls):
        return cls.objects.order_by("-version").first()


class PledgeAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledge_acceptances"
    )
    version = models.ForeignKey(PledgeVersion, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("pledge acceptance")
        verbose_name_plural = _("pledge acceptances")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")
        ]

    def __str__(self):
        return f"{self.user} accepted {self.version} on {self.accepted_at:%Y-%m-%d}"
