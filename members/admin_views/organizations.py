"""Organizations in the Wagtail admin: edit, deactivate and reactivate."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from members.forms.organization import SHARED_FIELDS, OrganizationForm
from members.models import Organization
from members.review import set_active


class OrganizationIndexView(generic.IndexView):
    any_permission_required = ["add", "change"]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(_activation_menu_item(instance))
        return buttons


def _activation_url(organization):
    return reverse("members_organizations:activation", args=[quote(organization.pk)])


def _activation_label(organization):
    return _("Deactivate") if organization.is_active else _("Reactivate")


def _activation_menu_item(organization):
    return MenuItem(
        _activation_label(organization),
        url=_activation_url(organization),
        icon_name="cross" if organization.is_active else "check",
        priority=30,
    )


class OrganizationEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("change"):
            buttons.append(
                Button(
                    _activation_label(self.object),
                    url=_activation_url(self.object),
                    icon_name="cross" if self.object.is_active else "check",
                    priority=40,
                )
            )
        return buttons


class OrganizationActivationView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then deactivate an organization (its members lose access) or reactivate it."""

    model = Organization
    permission_required = "change"
    template_name = "members/admin/organization_activation.html"
    header_icon = "group"
    _show_breadcrumbs = True

    def setup(self, request, pk, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Organization, pk=pk)

    def get_page_title(self):
        return _activation_label(self.object)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("members_organizations:index"),
                "label": Organization._meta.verbose_name_plural.capitalize(),
            },
            {
                "url": reverse("members_organizations:edit", args=[quote(self.object.pk)]),
                "label": self.object.name,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["action_url"] = _activation_url(self.object)
        context["back_url"] = reverse("members_organizations:index")
        return context

    def post(self, request, *args, **kwargs):
        active = not self.object.is_active
        set_active(self.object, active, request.user)
        if active:
            message = _("“%(name)s” was reactivated.")
        else:
            message = _("“%(name)s” was deactivated. Its members can no longer log in.")
        messages.success(request, message % {"name": self.object.name})
        return redirect("members_organizations:index")


class OrganizationViewSet(ModelViewSet):
    model = Organization
    name = "organizations"
    url_prefix = "members/organizations"
    url_namespace = "members_organizations"
    icon = "group"
    menu_label = gettext_lazy("Organizations")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = OrganizationIndexView
    edit_view_class = OrganizationEditView
    copy_view_enabled = False
    form_fields = SHARED_FIELDS
    list_display = [
        "name",
        "kind",
        BooleanColumn("is_active", label=gettext_lazy("Active"), sort_key="is_active"),
        BooleanColumn(
            "listed_publicly", label=gettext_lazy("Listed publicly"), sort_key="listed_publicly"
        ),
    ]
    list_filter = ["kind", "is_active", "listed_publicly"]
    search_fields = ["name", "contact_name", "email"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return OrganizationForm

    def get_common_view_kwargs(self, **kwargs):
        # Organizations are deactivated, never deleted: memberships and history stay.
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("delete", "copy")]
        activation = self.construct_view(OrganizationActivationView)
        return [*patterns, path("activation/<int:pk>/", activation, name="activation")]

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["add_organization", "change_organization"])
        )


organization_viewset = OrganizationViewSet()
