"""Staff say who attends which of the network's meetings, per membership.

Memberships come from invitations and leave through the organization's
administrator: here staff only set the two meeting flags that decide who
sees the meetings' events.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from members.models import Membership


def _person(membership):
    return membership.user.get_full_name() or membership.user.get_username()


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "memberships"
    url_prefix = "members/memberships"
    url_namespace = "members_memberships"
    icon = "user"
    menu_label = _("Meeting attendance")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["is_representative", "is_practitioner"]
    list_display = [
        Column("user", label=_("Member"), accessor=_person),
        Column("user.email", label=_("Email")),
        "organization",
        "role",
        BooleanColumn("is_representative", label=_("Representatives' meeting")),
        BooleanColumn("is_practitioner", label=_("Practitioners' meeting")),
    ]
    list_filter = ["is_representative", "is_practitioner", "role", "organization"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organization__name"]
    search_backend_name = None
    ordering = ["organization__name", "user__username"]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "organization")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in ("add", "delete", "copy")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="change_membership")


membership_viewset = MembershipViewSet()
