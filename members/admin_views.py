"""Staff review of sign-ups and management of organizations in the Wagtail admin."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from core.decisions import DecisionForm, DecisionViewMixin, WaitingFirstIndexView, decide
from core.links import absolute_url
from mail.outbox import queue_email
from members.forms.organization import SHARED_FIELDS, OrganizationForm
from members.models import Application, Invitation, Membership, Organization

# The decisions themselves, usable outside the views.


def _decide(application, status, user, reason=""):
    return decide(
        application,
        waiting=Application.Status.PENDING,
        status=status,
        decided_by=user,
        decided_at=timezone.now(),
        reason=reason,
    )


def approve_application(application, user):
    """Create the organization, invite its contact person as its administrator, email them.

    Returns the organization, or None when the application was already decided.
    """
    with transaction.atomic():
        if not _decide(application, Application.Status.APPROVED, user):
            return None
        organization = Organization.objects.create(
            **{name: getattr(application, name) for name in SHARED_FIELDS}
        )
        application.organization = organization
        application.save(update_fields=["organization"])
        invitation = Invitation.create(
            email=application.email,
            name=application.contact_name,
            organization=organization,
            role=Membership.Role.ADMIN,
            invited_by=user,
        )
        link = absolute_url(
            reverse("members:accept_invitation", kwargs={"token": invitation.token})
        )
        with translation.override(application.language):
            queue_email(
                application.email,
                _("Welcome to the support network: your link to the members area"),
                render_to_string(
                    "members/emails/application_approved.txt",
                    {"application": application, "organization": organization, "link": link},
                ),
            )
        log(
            instance=application,
            action="members.approve",
            user=user,
            data={"organization": organization.pk, "invitation": invitation.pk},
        )
        log(instance=organization, action="wagtail.create", user=user)
    return organization


def reject_application(application, user, reason):
    """Record the rejection and email the reason. False when already decided."""
    with transaction.atomic():
        if not _decide(application, Application.Status.REJECTED, user, reason=reason):
            return False
        with translation.override(application.language):
            queue_email(
                application.email,
                _("Your application to the support network"),
                render_to_string(
                    "members/emails/application_rejected.txt", {"application": application}
                ),
            )
        log(instance=application, action="members.reject", user=user, data={"reason": reason})
    return True


def set_active(organization, active, user):
    with transaction.atomic():
        organization.is_active = active
        organization.save(update_fields=["is_active"])
        action = "members.reactivate" if active else "members.deactivate"
        log(instance=organization, action=action, user=user)


# Applications


class ApplicationDecisionForm(DecisionForm):
    reason_help_text = gettext_lazy(
        "Needed only to reject. It is emailed to the applicant: write it so they understand it."
    )
    reason_missing = gettext_lazy("Give a reason for rejecting: it is sent to the applicant.")


class ApplicationIndexView(WaitingFirstIndexView):
    any_permission_required = ["change"]
    # Applications waiting for a decision come first, newest first.
    waiting_status = Application.Status.PENDING
    default_ordering = ("_decided", "-submitted_at")


class ApplicationReviewView(DecisionViewMixin, generic.InspectView):
    """The application in full, with the buttons to approve or reject it."""

    any_permission_required = ["change"]
    template_name = "members/admin/application_review.html"
    page_title = gettext_lazy("Review")
    decision_form_class = ApplicationDecisionForm

    def get_offers_display_value(self):
        labels = self.object.get_offers_display()
        return ", ".join(str(label) for label in labels) or "-"

    def get_language_display_value(self):
        return dict(settings.LANGUAGES).get(self.object.language, self.object.language)

    def get_listed_publicly_display_value(self):
        return _("Yes") if self.object.listed_publicly else _("No")

    def get_submitted_at_display_value(self):
        return date_format(timezone.localtime(self.object.submitted_at), "DATETIME_FORMAT")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_pending"] = self.object.status == Application.Status.PENDING
        if context["is_pending"]:
            # A second sign-up of a member would otherwise become a duplicate.
            context["same_name"] = [
                (org, reverse("members_organizations:edit", args=[quote(org.pk)]))
                for org in Organization.objects.filter(name__iexact=self.object.name)
            ]
        context["organization_url"] = (
            reverse("members_organizations:edit", args=[quote(self.object.organization_id)])
            if self.object.organization_id
            else None
        )
        return context

    def approve(self):
        organization = approve_application(self.object, self.request.user)
        if organization is None:
            messages.error(self.request, _("This application had already been decided."))
        else:
            messages.success(
                self.request,
                _("“%(name)s” was approved. Its contact person was invited by email.")
                % {"name": organization.name},
            )

    def reject(self, reason):
        if reject_application(self.object, self.request.user, reason):
            messages.success(
                self.request,
                _("“%(name)s” was rejected. The reason was emailed to the applicant.")
                % {"name": self.object.name},
            )
        else:
            messages.error(self.request, _("This application had already been decided."))


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "applications"
    url_prefix = "members/applications"
    url_namespace = "members_applications"
    icon = "clipboard-list"
    menu_label = gettext_lazy("Applications")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    inspect_view_enabled = True
    inspect_view_class = ApplicationReviewView
    inspect_view_fields = [*SHARED_FIELDS, "language", "pledge_version", "submitted_at", "status"]
    copy_view_enabled = False
    list_display = [
        "name",
        "kind",
        "status",
        DateColumn("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["name", "contact_name", "email"]
    search_backend_name = None
    # Applications come only from the public form and are decided, not edited.
    form_fields = SHARED_FIELDS

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("add", "edit", "copy")
        ]

    @property
    def url_finder_class(self):
        return type(
            "ApplicationURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["change_application", "delete_application"])
        )


# Organizations


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


application_viewset = ApplicationViewSet()
organization_viewset = OrganizationViewSet()
