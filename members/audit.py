"""Audit-trail actions for logins, second factors, pledges and colleagues."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

ACTIONS = [
    ("members.login", _("Log in"), _("Logged in with password and second factor")),
    ("members.password_reset", _("Reset password"), _("Set a new password from an emailed link")),
    ("members.join", _("Join"), _("Accepted an invitation and set up a second factor")),
    ("members.pledge", _("Accept pledge"), _("Accepted the confidentiality pledge")),
    ("members.new_backup_codes", _("New backup codes"), _("Made new backup codes")),
    ("members.reset_second_factor", _("Reset second factor"), _("Second factor reset by staff")),
    ("members.invite", _("Invite"), _("Invited a colleague")),
    ("members.remove", _("Remove"), _("Removed a colleague")),
]


@hooks.register("register_log_actions")
def register_member_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
