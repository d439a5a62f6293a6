from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every app of the portal uses, importing none of them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import checks, signals, translation_fallback  # noqa: F401

        translation_fallback.install()
