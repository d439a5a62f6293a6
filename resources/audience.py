"""Who sees which resources and courses: one rule for the library and for training."""

from members.access import is_member, membership_of
from resources.models import Audience, Resource


def audiences_of(user):
    """The audiences a user belongs to. Verified staff belong to all of them."""
    if not is_member(user):
        return set()
    if user.is_staff:
        return set(Audience.values)
    membership = membership_of(user)
    audiences = {Audience.ALL}
    if membership.is_representative:
        audiences.add(Audience.REPRESENTATIVES)
    if membership.is_practitioner:
        audiences.add(Audience.PRACTITIONERS)
    return audiences


def visible_resources(user):
    """Approved resources for the user's audiences, and the user's own proposals.

    Staff see every proposal too, so they can follow a link from the admin.
    """
    queryset = Resource.objects.all()
    audiences = audiences_of(user)
    if not audiences:
        return queryset.none()
    if user.is_staff:
        return queryset
    approved = queryset.filter(status=Resource.Status.APPROVED, audience__in=audiences)
    return approved | queryset.filter(proposed_by=user)
