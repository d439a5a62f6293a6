"""The email that carries an invitation's one-time link."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.links import absolute_url
from mail.outbox import queue_email


def send_invitation(invitation):
    """Email a fresh invitation's one-time link (``invitation.token``) to the person invited."""
    link = absolute_url(reverse("members:accept_invitation", kwargs={"token": invitation.token}))
    body = _(
        "You have been invited to the members area of the support network by %(org)s.\n\n"
        "Open this link within 7 days to set a password and set up your second factor:\n%(link)s\n"
    ) % {"org": invitation.organization.name, "link": link}
    queue_email(invitation.email, _("Invitation to the members area"), body)
