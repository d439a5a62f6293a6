"""Staff manage the library in the admin and decide on members' proposals."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from resources.models import Resource
from resources.proposals import approve, reject


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        choices=[(APPROVE, gettext_lazy("Approve")), (REJECT, gettext_lazy("Reject"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting"),
        help_text=gettext_lazy(
            "Needed only to reject. It is emailed to the member who proposed the resource."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", gettext_lazy("Give a reason for rejecting: it is sent to the member.")
            )
        return cleaned


class ResourceIndexView(generic.IndexView):
    # Proposals waiting for a decision come first.
    default_ordering = ("_decided", "-updated_at")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                _decided=Case(
                    When(status=Resource.Status.PROPOSED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )


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


class ResourceReviewView(generic.InspectView):
    """A resource in full; for a proposal, the buttons to approve or reject it."""

    any_permission_required = ["change"]
    template_name = "resources/admin/resource_review.html"

    def get_proposed_by_display_value(self):
        user = self.object.proposed_by
        return (user.get_full_name() or user.email) if user else "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_form"] = kwargs.get("decision_form") or DecisionForm()
        context["is_proposed"] = self.object.status == Resource.Status.PROPOSED
        context["member_url"] = reverse("resources:resource", args=[self.object.pk])
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(decision_form=form))
        resource = self.object
        if form.cleaned_data["decision"] == DecisionForm.APPROVE:
            decided = approve(resource, request.user)
            message = _("“%(title)s” was added to the library. The member was told by email.")
        else:
            decided = reject(resource, request.user, form.cleaned_data["reason"].strip())
            message = _("“%(title)s” was rejected. The reason was emailed to the member.")
        if decided:
            messages.success(request, message % {"title": resource.title})
        else:
            messages.error(request, _("This proposal had already been decided."))
        return redirect(self.index_url_name)


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
