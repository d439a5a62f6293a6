from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

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


class MailQueuePanel(Component):
    """Staff's dashboard: emails that failed, or wait in the queue longer than they should."""

    order = 150
    template_name = "mail/admin/panels/mail_queue.html"

    def get_context_data(self, parent_context=None):
        old = timezone.now() - STUCK_AFTER
        counts = unsent().aggregate(
            failed=Count("pk", filter=~Q(last_error="")),
            stuck=Count("pk", filter=Q(last_error="", created_at__lt=old)),
        )
        index = reverse("mail_queue:index")
        return {
            **counts,
            "failed_url": f"{index}?state={FAILED}",
            "stuck_url": f"{index}?state={STUCK}",
        }


@hooks.register("construct_homepage_panels")
def mail_queue_panel(request, panels):
    if mail_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(MailQueuePanel())
