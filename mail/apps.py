from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The mail queue: every email is stored, then sent by ``send_queued_emails``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mail"
    verbose_name = _("Mail")
