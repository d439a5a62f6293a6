"""Staff manage the library in the admin and decide on members' proposals."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.decisions import DecisionForm, DecisionViewMixin, WaitingFirstIndexView
from resources.models import Resource
from resources.proposals import approve, reject


class ProposalDecisionForm(DecisionForm):
    reason_help_text = gettext_lazy(
        "Needed only to reject. It is emailed to the member who proposed the resource."
    )
    reason_missing = gettext_lazy("Give a reason for rejecting: it is sent to the member.")


class ResourceIndexView(WaitingFirstIndexView):
    # Proposals waiting for a decision come first.
    waiting_status = Resource.Status.PROPOSED
    default_ordering = ("_decided", "-updated_at")


class VersionAuthorMixin:
    """New versions added in the admin are recorded as the editor's."""

    def save_instance(self):
        for version_form in self.form.formsets["versions"].forms:
            if version_form.instance.pk is None:
                version_form.instance.created_by = self.request.user
        return super().save_instance()


class ResourceCreateView(VersionAuthorMixin, generic.CreateView):
    pass


class ResourceEditView(VersionAuthorMixin, generic.EditView):
    pass


class ResourceReviewView(DecisionViewMixin, generic.InspectView):
    """A resource in full; for a proposal, the buttons to approve or reject it."""

    any_permission_required = ["change"]
    template_name = "resources/admin/resource_review.html"
    decision_form_class = ProposalDecisionForm

    def get_proposed_by_display_value(self):
        user = self.object.proposed_by
        return (user.get_full_name() or user.email) if user else "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_proposed"] = self.object.status == Resource.Status.PROPOSED
        context["member_url"] = reverse("resources:resource", args=[self.object.pk])
        return context

    def approve(self):
        self.tell(
            approve(self.object, self.request.user),
            _("“%(title)s” was added to the library. The member was told by email."),
        )

    def reject(self, reason):
        self.tell(
            reject(self.object, self.request.user, reason),
            _("“%(title)s” was rejected. The reason was emailed to the member."),
        )

    def tell(self, decided, message):
        if decided:
            messages.success(self.request, message % {"title": self.object.title})
        else:
            messages.error(self.request, _("This proposal had already been decided."))


class ResourceViewSet(ModelViewSet):
    model = Resource
    name = "library"
    url_prefix = "resources/library"
    url_namespace = "resources_library"
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Resource library")
    add_to_admin_menu = False
    index_view_class = ResourceIndexView
    add_view_class = ResourceCreateView
    edit_view_class = ResourceEditView
    inspect_view_enabled = True
    inspect_view_class = ResourceReviewView
    inspect_view_fields = [
        "title",
        "description",
        "kind",
        "topic",
        "audience",
        "status",
        "proposed_by",
        "proposal_note",
        "created_at",
    ]
    copy_view_enabled = False
    list_display = [
        "title",
        "kind",
        "audience",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["status", "kind", "audience"]
    search_fields = ["title", "description"]
    search_backend_name = None


resource_viewset = ResourceViewSet()
