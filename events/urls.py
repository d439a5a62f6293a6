from django.urls import path

from events.views import calendar, events

app_name = "events"

urlpatterns = [
    path("events/", events.event_list_view, name="events"),
    path("events/<int:event_id>/", events.event_detail_view, name="event"),
    path("events/<int:event_id>/answer/", events.respond_view, name="event_respond"),
    path("events/<int:event_id>/event.ics", events.event_ics_view, name="event_ics"),
    path(
        "events/<int:event_id>/materials/<int:material_id>/",
        events.material_view,
        name="event_material",
    ),
    path("calendar/", calendar.calendar_view, name="calendar"),
    # Authorised by its secret token alone (core.access.public): calendar apps cannot log in.
    path("calendar/<str:token>.ics", calendar.calendar_feed_view, name="calendar_feed"),
]
