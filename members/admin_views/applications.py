"""Staff review of sign-ups in the Wagtail admin: the list, and approve or reject."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.decisions import DecisionForm, DecisionViewMixin, WaitingFirstIndexView
from members.forms.organization import SHARED_FIELDS
from members.models import Application, Organization
from members.review import approve_application, reject_application


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


application_viewset = ApplicationViewSet()
