"""Staff reset a member's lost second factor from the admin's user list.

The reset removes every factor and ends every session; a fresh one-time
link lets the member set up a new authenticator (their password stays).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from members import security
from members.invitations import send_invitation
from members.models import Invitation

PERMISSION = "auth.change_user"


def reset_view(request, user_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    member = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        with transaction.atomic():
            security.reset_second_factor(member, by=request.user)
            membership = getattr(member, "membership", None)
            if membership is not None and member.email:
                invitation = Invitation.create(
                    email=member.email,
                    name=member.get_full_name(),
                    organization=membership.organization,
                    role=membership.role,
                    invited_by=request.user,
                )
                send_invitation(invitation)
        messages.success(
            request,
            _("The second factor of %(name)s was reset. They were sent a link to set up a new one.")
            % {"name": member.get_full_name() or member.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "members/admin/reset_second_factor.html", {"member": member})
