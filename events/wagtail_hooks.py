from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from events.admin_views import EXPORT_ACTION, EventResponsesView, EventViewSet
from events.panels import NextEventsPanel
from events.search import EventArea

register_snippet(EventViewSet)


@hooks.register("register_admin_urls")
def event_admin_urls():
    return [
        path(
            "members/events/<int:pk>/answers/",
            EventResponsesView.as_view(),
            name="events_responses",
        )
    ]


@hooks.register("register_log_actions")
def register_event_actions(actions):
    actions.register_action(
        EXPORT_ACTION, _("Download answers"), _("Downloaded the answers to the event")
    )


@hooks.register("construct_members_dashboard_panels")
def next_events(request, panels):
    panels.append(NextEventsPanel(request.user))


@hooks.register("register_members_search_area")
def register_event_search_area():
    return EventArea()
