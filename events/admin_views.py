"""Events in the Wagtail admin: a snippet with drafts and revisions, and its answers.

Staff see each event's answers (with counts) and download them as CSV or
XLSX through Wagtail's report view; every download is in the audit log.
"""

import codecs
import json

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
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
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

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


class EventEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Answers"), url=_responses_url(self.object), icon_name="list-ul", priority=5),
        ]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = EventIndexView
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
