"""Who may see members-only things: verified, active, pledged members (and staff)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import PledgeAcceptance, PledgeVersion
from .models.organizations import membership_of


def is_verified(user):
    return bool(user.is_authenticated and user.is_active and user.is_verified())


def is_member(user):
    """A verified user of an active organization, or verified staff."""
    if not is_verified(user):
        return False
    return user.is_staff or membership_of(user) is not None


def member_or_403(request):
    """Each members' view checks on its own, even though the middleware asks first."""
    if not is_member(request.user):
        raise PermissionDenied


def member_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        member_or_403(request)
        return view(request, *args, **kwargs)

    return checked


def needs_pledge(user):
    current = PledgeVersion.current()
    if current is None:
        return False
    return not PledgeAcceptance.objects.filter(user=user, version=current).exists()
