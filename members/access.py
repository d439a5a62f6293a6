"""The members' side of the access rule (core.access): who a logged-in person is.

``MemberViewer`` answers core.access's questions from the members' records,
each at most once a request: both factors in this session (the middleware has
already ended sessions past their timeouts), membership of an active
organization, the current pledge, groups.
"""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.access import ANONYMOUS, Viewer, members_only, viewer_of

from .models import PledgeAcceptance, PledgeVersion
from .models.organizations import membership_of


def is_verified(user):
    return bool(user.is_authenticated and user.is_active and user.is_verified())


def is_member(user):
    """A verified user of an active organization, or verified staff.

    For querysets of what a member may see (events, resources, courses) inside
    views that core.access has already let in; decisions about a request go
    through ``request.viewer``.
    """
    if not is_verified(user):
        return False
    return user.is_staff or membership_of(user) is not None


def needs_pledge(user):
    current = PledgeVersion.current()
    if current is None:
        return False
    return not PledgeAcceptance.objects.filter(user=user, version=current).exists()


class MemberViewer(Viewer):
    is_authenticated = True

    def __init__(self, user):
        self.user = user

    @cached_property
    def verified(self):
        return is_verified(self.user)

    @cached_property
    def membership(self):
        return membership_of(self.user)

    @cached_property
    def is_member(self):
        return self.user.is_active and (self.user.is_staff or self.membership is not None)

    @cached_property
    def is_staff(self):
        return self.user.is_active and self.user.is_staff

    @cached_property
    def has_pledged(self):
        return not needs_pledge(self.user)

    @cached_property
    def group_ids(self):
        return frozenset(self.user.groups.values_list("pk", flat=True))


def viewer_for(request):
    """The viewer of a request whose session has been checked (members.middleware)."""
    if not request.user.is_authenticated:
        return ANONYMOUS
    return MemberViewer(request.user)


def member_or_403(request):
    """Each members' view checks on its own, even though the middleware asks first."""
    if not viewer_of(request).may_see_members_only:
        raise PermissionDenied


member_required = members_only


def token_holder_may_see(user):
    """For what a secret address opens without a session (the calendar feed): an active
    member of an active organization who has accepted the current pledge and still has
    a second factor (a reset removes it, and the address with it)."""
    if not user.is_active or needs_pledge(user):
        return False
    if not (user.is_staff or membership_of(user) is not None):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
