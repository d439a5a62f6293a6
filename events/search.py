"""Events in the members' search (search.areas)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import get_text_for_indexing

from events.models import Event
from search.areas import FieldSearchArea


class EventArea(FieldSearchArea):
    name = "events"
    heading = _("Meetings and events")
    order = 200
    fields = ["title", "venue", "agenda"]

    def queryset(self, request):
        return Event.objects.visible_to(request.user).only(
            "pk", "title", "kind", "start", "end", "venue", "agenda"
        )

    def url(self, event):
        return reverse("events:event", args=[event.pk])

    def kind(self, event):
        return event.get_kind_display()

    def snippet_text(self, event):
        return f"{event.venue} {get_text_for_indexing(event.agenda)}"

    def when(self, event):
        return event
