"""Events in the Wagtail admin: a snippet with drafts, revisions and previews, and its answers.

Publishing an event that would email its audience first saves it as a draft
and asks staff to confirm who is emailed (how many people, which
organizations); it is published, and the audience emailed, only then.

Staff see each event's answers (with counts) and download them as CSV or
XLSX through Wagtail's report view; every download is in the audit log.
"""

import codecs
import json

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CopyViewMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from events import announcements
from events.forms import EventAdminForm
from events.models import Event, EventAudience, EventResponse

EXPORT_ACTION = "members.export_responses"


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else value


class EventFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        empty_label=_("Any time"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Event
        fields = ["kind", "audience"]

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()


def _local_start(event):
    # The exact time, not Wagtail's "in 3 weeks": staff plan meetings by the clock.
    return formats.date_format(timezone.localtime(event.start), "DATETIME_FORMAT")


def _responses_url(event):
    return reverse("events_responses", args=[quote(event.pk)])


class EventIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(_("Answers"), url=_responses_url(instance), icon_name="list-ul", priority=5)
        )
        return buttons


class ConfirmBeforeMailingMixin:
    """Publishing that would email the audience stops at the saved draft and asks first."""

    confirm_publish_url_name = None

    def confirmation_redirect(self):
        if announcements.needs_confirmation(self.new_revision.as_object()):
            return redirect(
                self.confirm_publish_url_name, quote(self.object.pk), self.new_revision.pk
            )
        return None

    def publish_action(self):
        return self.confirmation_redirect() or super().publish_action()

    def submit_action(self):
        # In moderation: staff confirm now who is emailed once a moderator approves it.
        return super().submit_action() or self.confirmation_redirect()


class EventCreateView(ConfirmBeforeMailingMixin, CreateView):
    pass


class EventCopyView(CopyViewMixin, EventCreateView):
    pass


class EventEditView(ConfirmBeforeMailingMixin, EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Answers"), url=_responses_url(self.object), icon_name="list-ul", priority=5),
        ]


class ConfirmPublishView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who the announcement goes to, and the button that publishes the event and sends it."""

    model = Event
    permission_policy = ModelPermissionPolicy(Event)
    permission_required = "publish"
    template_name = "events/admin/confirm_publish.html"
    page_title = _("Publish and email the audience")
    header_icon = "mail"
    edit_url_name = None
    revisions_view_url_name = None

    def setup(self, request, *args, pk, revision_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Event, pk=pk)
        self.revision = get_object_or_404(self.object.revisions, pk=revision_id)
        self.event = self.revision.as_object()
        if self.object.live and self.revision.pk == self.object.live_revision_id:
            self.mode = "live"  # published without the emails (approved, or by a script)
        elif self.object.workflow_in_progress:
            # A moderator publishes it: whoever submitted it says who is emailed then.
            self.mode = "moderation"
            self.permission_required = "change"
        else:
            self.mode = "publish"

    def get_page_subtitle(self):
        return self.event.title

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        go_live_at = self.event.go_live_at
        context.update(
            event=self.event,
            summary=announcements.audience_summary(self.event),
            mode=self.mode,
            is_latest=self.is_current(),
            scheduled=go_live_at if go_live_at and go_live_at > timezone.now() else None,
            edit_url=self.get_edit_url(),
            preview_url=reverse(
                self.revisions_view_url_name, args=[quote(self.object.pk), self.revision.pk]
            ),
        )
        return context

    def is_current(self):
        return self.mode == "live" or self.revision.pk == self.object.latest_revision_id

    def post(self, request, *args, **kwargs):
        if not self.is_current():
            messages.error(
                request, gettext("The event was changed since. Check it and publish it again.")
            )
            return redirect(self.get_edit_url())
        try:
            shown = int(request.POST.get("recipients", ""))
        except ValueError:
            shown = None
        summary = announcements.audience_summary(self.event)
        if shown != summary["count"]:
            # The audience changed while staff were reading: show it again.
            messages.warning(request, gettext("Who is emailed has changed. Check it again."))
            return redirect(request.path)
        with transaction.atomic():
            announcements.confirm(self.object, request.user, summary["count"])
            log(
                instance=self.object,
                action=announcements.CONFIRM_ACTION,
                user=request.user,
                data={"recipients": summary["count"]},
            )
            if self.mode == "live":
                announcements.announce(self.object)
            elif self.mode == "publish":
                self.revision.publish(user=request.user, skip_permission_checks=True)
        if self.mode == "moderation":
            message = gettext("They will be emailed once a moderator approves “%(title)s”.")
        else:
            message = gettext("“%(title)s” was published. Emails queued: %(count)d")
        messages.success(request, message % {"title": self.event.title, "count": summary["count"]})
        return redirect(self.get_edit_url())


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    copy_view_class = EventCopyView
    edit_view_class = EventEditView
    list_display = [
        "title",
        "kind",
        "audience",
        Column("start", label=_("Starts"), sort_key="start", accessor=_local_start),
    ]
    filterset_class = EventFilterSet
    ordering = "-start"
    search_fields = ["title", "venue"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            # The invitees are shown only for an audience of named invitees (when scripts run).
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    FieldPanel("audience"),
                    FieldPanel(
                        "invitees",
                        attrs={
                            "data-w-rules-target": "show",
                            "data-w-rules": json.dumps(
                                {"audience": [EventAudience.INVITEES.value]}
                            ),
                        },
                    ),
                ],
                heading=_("Who"),
                attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), "rsvp_deadline"],
                heading=_("When"),
            ),
            MultiFieldPanel(["venue", "address", "online_url"], heading=_("Where")),
            FieldPanel("agenda"),
            InlinePanel(
                "materials",
                heading=_("Materials"),
                label=_("Material"),
                panels=["title", "file"],
            ),
            PublishingPanel(),
        ],
        base_form_class=EventAdminForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            confirm_publish_url_name=self.get_url_name("confirm_publish"), **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            confirm_publish_url_name=self.get_url_name("confirm_publish"), **kwargs
        )

    @property
    def confirm_publish_view(self):
        return ConfirmPublishView.as_view(
            edit_url_name=self.get_url_name("edit"),
            revisions_view_url_name=self.get_url_name("revisions_view"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "publish/<int:pk>/<int:revision_id>/",
                self.confirm_publish_view,
                name="confirm_publish",
            ),
        ]


class EventResponsesView(ReportView):
    """Who answered an event, with counts; downloadable for the organizers."""

    permission_policy = ModelPermissionPolicy(Event)
    permission_required = "change"
    header_icon = "list-ul"
    results_template_name = "events/admin_responses_results.html"
    paginate_by = 100
    columns = [
        Column("person", label=_("Name")),
        Column("organization_name", label=_("Organization")),
        Column("answer", label=_("Answer")),
        Column("people", label=_("Number of people")),
        DateColumn("answered_at", label=_("Answered")),
    ]
    list_export = ["person", "user.email", "organization_name", "answer", "people", "answered_at"]
    export_headings = {
        "person": _("Name"),
        "user.email": _("Email"),
        "organization_name": _("Organization"),
        "answer": _("Answer"),
        "people": _("Number of people"),
        "answered_at": _("Answered"),
    }
    custom_field_preprocess = {
        "answer": dict.fromkeys(("csv", "xlsx"), str),
        "answered_at": {
            "csv": lambda value: _local(value).isoformat(sep=" ", timespec="minutes"),
            "xlsx": _local,
        },
    }

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(Event, pk=pk)

    def get_page_title(self):
        return _("Answers")

    def get_page_subtitle(self):
        return self.event.title

    def get_index_url(self):
        return _responses_url(self.event)

    def get_filename(self):
        return f"event-{self.event.pk}-answers"

    def get_base_queryset(self):
        return (
            EventResponse.objects.filter(event=self.event)
            .select_related("user__membership__organization")
            .order_by("-attending", "user__membership__organization__name", "user__username")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["counts"] = EventResponse.objects.filter(event=self.event).counts()
        return context

    def write_csv_response(self, queryset):
        # Written at once, in the editor's language (a stream would be written after
        # Wagtail has switched back), with a BOM so that Excel reads the Japanese.
        response = HttpResponse(
            codecs.BOM_UTF8 + b"".join(self.stream_csv(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            log(
                instance=self.event,
                action=EXPORT_ACTION,
                user=self.request.user,
                data={"format": self.request.GET.get("export")},
            )
        return super().render_to_response(context, **response_kwargs)
