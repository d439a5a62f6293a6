from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .library import Resource, ResourceFile
from .training import TrainingMaterial


class Download(models.Model):
    """One download of a library file or a training material, for staff's usage figures."""

    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.CASCADE, related_name="downloads"
    )
    # Kept when a file is replaced: the count belongs to the resource.
    resource_file = models.ForeignKey(
        ResourceFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    material = models.ForeignKey(
        TrainingMaterial,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    language = models.CharField(_("language"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("downloaded"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        constraints = [
            models.CheckConstraint(
                condition=Q(resource__isnull=False, material__isnull=True)
                | Q(resource__isnull=True, material__isnull=False),
                name="download_of_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.resource or self.material} ({self.created_at:%Y-%m-%d})"
