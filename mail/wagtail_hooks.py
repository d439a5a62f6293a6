from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.panels import WaitingWorkPanel
from core.retention import Rule
from mail.admin_views import FAILED, STUCK, STUCK_AFTER, mail_viewset, unsent
from mail.models import OutgoingEmail


@hooks.register("register_retention_rule")
def queued_mail_retention():
    # Bodies hold invitation and reset links and names: sent or not, they go.
    return Rule(
        "queued mail",
        "RETENTION_MAIL_DAYS",
        lambda cutoff: OutgoingEmail.objects.filter(created_at__lt=cutoff),
    )


@hooks.register("register_admin_viewset")
def register_mail_viewset():
    return mail_viewset


class MailQueuePanel(WaitingWorkPanel):
    """Staff's dashboard: emails that failed, or wait in the queue longer than they should."""

    order = 150
    panel_id = "mail-queue"
    heading = _("Mail queue")
    lines = {
        "failed": _("Could not be sent: %(failed)s"),
        "stuck": _("Waiting in the queue for more than ten minutes: %(stuck)s"),
    }
    nothing_waiting = _("Every email has gone out.")
    viewset = mail_viewset
    action = "view"

    def counts(self):
        old = timezone.now() - STUCK_AFTER
        return unsent().aggregate(
            failed=Count("pk", filter=~Q(last_error="")),
            stuck=Count("pk", filter=Q(last_error="", created_at__lt=old)),
        )

    def urls(self):
        index = reverse("mail_queue:index")
        return {"failed_url": f"{index}?state={FAILED}", "stuck_url": f"{index}?state={STUCK}"}


@hooks.register("construct_homepage_panels")
def mail_queue_panel(request, panels):
    MailQueuePanel.add_for(request, panels)
