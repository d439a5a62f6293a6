from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from events.admin_views import EXPORT_ACTION, EventResponsesView, EventViewSet
from events.announcements import CONFIRM_ACTION
from events.panels import NextEventsPanel, TranslationsBehindPanel, UpcomingEventsPanel
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
    actions.register_action(
        CONFIRM_ACTION, _("Confirm announcement"), _("Confirmed emailing the event's audience")
    )


@hooks.register("construct_homepage_panels")
def staff_event_panels(request, panels):
    if request.user.has_perm("events.change_event"):
        panels.append(UpcomingEventsPanel())
    # Pages and events alike: whoever may submit translations may sync them.
    if request.user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationsBehindPanel())


@hooks.register("construct_members_dashboard_panels")
def next_events(request, panels):
    panels.append(NextEventsPanel(request.user))


@hooks.register("register_members_search_area")
def register_event_search_area():
    return EventArea()
