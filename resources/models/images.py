"""Wagtail images that are never served from a public URL.

Originals and renditions live in the private default storage; every rendition
URL points at ``resources.views.images.ServeView``, which refuses images in a
collection restricted to members unless the requester is one.
"""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = Image._meta.verbose_name
        verbose_name_plural = Image._meta.verbose_name_plural
        permissions = [("choose_image", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @property
    def url(self):
        from wagtail.images.views.serve import generate_image_url  # needs the model registry

        return generate_image_url(self.image, self.filter_spec)
