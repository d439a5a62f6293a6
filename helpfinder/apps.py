from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpFinderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "helpfinder"
    verbose_name = _("Help finder")
