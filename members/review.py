"""Staff decisions on sign-ups and organizations, usable outside the admin's views.

Approving an application creates the organization and invites its contact
person; rejecting one emails the reason; deactivating an organization shuts
its members out at their next request.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.decisions import decide
from core.links import absolute_url
from mail.outbox import queue_email
from members.forms.organization import SHARED_FIELDS
from members.models import Application, Invitation, Membership, Organization


def _decide(application, status, user, reason=""):
    return decide(
        application,
        waiting=Application.Status.PENDING,
        status=status,
        decided_by=user,
        decided_at=timezone.now(),
        reason=reason,
    )


def approve_application(application, user):
    """Create the organization, invite its contact person as its administrator, email them.

    Returns the organization, or None when the application was already decided.
    """
    with transaction.atomic():
        if not _decide(application, Application.Status.APPROVED, user):
            return None
        organization = Organization.objects.create(
            **{name: getattr(application, name) for name in SHARED_FIELDS}
        )
        application.organization = organization
        application.save(update_fields=["organization"])
        invitation = Invitation.create(
            email=application.email,
            name=application.contact_name,
            organization=organization,
            role=Membership.Role.ADMIN,
            invited_by=user,
        )
        link = absolute_url(
            reverse("members:accept_invitation", kwargs={"token": invitation.token})
        )
        with translation.override(application.language):
            queue_email(
                application.email,
                _("Welcome to the support network: your link to the members area"),
                render_to_string(
                    "members/emails/application_approved.txt",
                    {"application": application, "organization": organization, "link": link},
                ),
            )
        log(
            instance=application,
            action="members.approve",
            user=user,
            data={"organization": organization.pk, "invitation": invitation.pk},
        )
        log(instance=organization, action="wagtail.create", user=user)
    return organization


def reject_application(application, user, reason):
    """Record the rejection and email the reason. False when already decided."""
    with transaction.atomic():
        if not _decide(application, Application.Status.REJECTED, user, reason=reason):
            return False
        with translation.override(application.language):
            queue_email(
                application.email,
                _("Your application to the support network"),
                render_to_string(
                    "members/emails/application_rejected.txt", {"application": application}
                ),
            )
        log(instance=application, action="members.reject", user=user, data={"reason": reason})
    return True


def set_active(organization, active, user):
    with transaction.atomic():
        organization.is_active = active
        organization.save(update_fields=["is_active"])
        action = "members.reactivate" if active else "members.deactivate"
        log(instance=organization, action=action, user=user)
