"""Organization administrators: colleagues, invitations and the organization's profile."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from core.access import members_only
from members import security
from members.access import membership_of
from members.forms.account import InviteForm
from members.forms.organization import ProfileForm
from members.invitations import send_invitation
from members.models import Invitation, Membership


def admin_membership(request):
    membership = membership_of(request.user)
    if membership is None or not membership.is_admin:
        raise PermissionDenied
    return membership


@members_only
@never_cache
def organization_view(request):
    membership = admin_membership(request)
    organization = membership.organization
    profile = ProfileForm(
        request.POST if request.method == "POST" else None, instance=organization, prefix="profile"
    )
    invite = InviteForm(prefix="invite")
    if request.method == "POST" and profile.is_valid():
        profile.save()
        log(instance=organization, action="wagtail.edit", user=request.user)
        messages.success(request, _("The organization's profile was saved."))
        return redirect("members:organization")
    return render(
        request,
        "members/organization.html",
        {
            "organization": organization,
            "profile": profile,
            "invite": invite,
            "colleagues": organization.memberships.select_related("user").order_by(
                "user__first_name"
            ),
            "invitations": organization.invitations.filter(used_at__isnull=True).order_by(
                "-created_at"
            ),
        },
    )


@members_only
@require_POST
def invite_view(request):
    membership = admin_membership(request)
    form = InviteForm(request.POST, prefix="invite")
    if not form.is_valid():
        messages.error(request, _("Please give a name and a valid email address."))
        return redirect("members:organization")
    with transaction.atomic():
        invitation = Invitation.create(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            organization=membership.organization,
            invited_by=request.user,
        )
        send_invitation(invitation)
        log(
            instance=membership.organization,
            action="members.invite",
            user=request.user,
            data={"email": invitation.email},
        )
    messages.success(
        request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
    )
    return redirect("members:organization")


@members_only
@require_POST
def remove_view(request, pk):
    membership = admin_membership(request)
    colleague = get_object_or_404(Membership, pk=pk, organization=membership.organization)
    if colleague.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself."))
        return redirect("members:organization")
    with transaction.atomic():
        user = colleague.user
        colleague.delete()
        user.is_active = False
        user.save(update_fields=["is_active"])
        security.logout_everywhere(user)
        log(
            instance=membership.organization,
            action="members.remove",
            user=request.user,
            data={"user": user.pk},
        )
    messages.success(
        request, _("%(name)s no longer has access.") % {"name": user.get_full_name() or user.email}
    )
    return redirect("members:organization")
