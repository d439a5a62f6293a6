from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import ModelLogEntry

from core.decisions import RejectionFormatter
from core.panels import WaitingWorkPanel
from core.retention import Rule
from members.admin_views.applications import application_viewset
from members.admin_views.memberships import membership_viewset
from members.admin_views.organizations import organization_viewset
from members.admin_views.reset import PERMISSION as RESET_PERMISSION
from members.admin_views.reset import reset_view
from members.models import Application

# The audit trail of logins, second factors, pledges and colleagues.
ACCOUNT_ACTIONS = [
    ("members.login", _("Log in"), _("Logged in with password and second factor")),
    ("members.password_reset", _("Reset password"), _("Set a new password from an emailed link")),
    ("members.join", _("Join"), _("Accepted an invitation and set up a second factor")),
    ("members.pledge", _("Accept pledge"), _("Accepted the confidentiality pledge")),
    ("members.new_backup_codes", _("New backup codes"), _("Made new backup codes")),
    ("members.reset_second_factor", _("Reset second factor"), _("Second factor reset by staff")),
    ("members.invite", _("Invite"), _("Invited a colleague")),
    ("members.remove", _("Remove"), _("Removed a colleague")),
]


class ApplicationsPanel(WaitingWorkPanel):
    """Staff's dashboard: sign-ups waiting for a decision."""

    order = 110
    panel_id = "applications-waiting"
    heading = _("Applications to review")
    nothing_waiting = _("No application is waiting.")
    review = _("Review applications")
    viewset = application_viewset
    model = Application
    status = Application.Status.PENDING
    index_url_name = "members_applications:index"


@hooks.register("construct_homepage_panels")
def applications_panel(request, panels):
    ApplicationsPanel.add_for(request, panels)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


@hooks.register("register_admin_viewset")
def register_organization_viewset():
    return organization_viewset


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return membership_viewset


@hooks.register("register_log_actions")
def register_review_actions(actions):
    for action, label, message in ACCOUNT_ACTIONS:
        actions.register_action(action, label, message)
    actions.register_action(
        "members.approve",
        _("Approve application"),
        _("Application approved: organization created, contact person invited"),
    )

    @actions.register_action("members.reject")
    class RejectFormatter(RejectionFormatter):
        label = _("Reject application")
        message = _("Application rejected")

    actions.register_action(
        "members.deactivate", _("Deactivate organization"), _("Organization deactivated")
    )
    actions.register_action(
        "members.reactivate", _("Reactivate organization"), _("Organization reactivated")
    )


@hooks.register("register_admin_urls")
def reset_urls():
    return [
        path(
            "members/reset-second-factor/<int:user_id>/",
            reset_view,
            name="members_reset_second_factor",
        )
    ]


@hooks.register("register_user_listing_buttons")
def reset_button(user, request_user):
    if request_user.has_perm(RESET_PERMISSION) and user.pk != request_user.pk:
        yield ListingButton(
            _("Reset second factor"),
            reverse("members_reset_second_factor", args=[user.pk]),
            priority=60,
            icon_name="key",
        )


@hooks.register("register_retention_rule")
def account_audit_retention():
    # Logins, resets, second factors and colleagues: who did what when, kept a while.
    actions = [action for action, _label, _message in ACCOUNT_ACTIONS]
    return Rule(
        "account audit",
        "RETENTION_AUDIT_DAYS",
        lambda cutoff: ModelLogEntry.objects.filter(action__in=actions, timestamp__lt=cutoff),
    )
