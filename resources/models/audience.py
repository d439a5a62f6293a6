from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a resource or a course is for (the network's two meetings, or everyone)."""

    ALL = "all", _("All members")
    REPRESENTATIVES = "representatives", _("Representatives")
    PRACTITIONERS = "practitioners", _("Practitioners")
