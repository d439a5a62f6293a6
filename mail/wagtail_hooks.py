from wagtail import hooks

from core.retention import Rule
from mail.models import OutgoingEmail


@hooks.register("register_retention_rule")
def queued_mail_retention():
    # Bodies hold invitation and reset links and names: sent or not, they go.
    return Rule(
        "queued mail",
        "RETENTION_MAIL_DAYS",
        lambda cutoff: OutgoingEmail.objects.filter(created_at__lt=cutoff),
    )
