from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.decisions import RejectionFormatter
from members.admin_memberships import membership_viewset
from members.admin_views import application_viewset, organization_viewset


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
