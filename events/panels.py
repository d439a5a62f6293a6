"""What the events app shows on the members' dashboard (``construct_members_dashboard_panels``)
and on the staff's admin dashboard (``construct_homepage_panels``)."""

from django.db.models import Count, Exists, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.admin.ui.components import Component

from events.models import AnnouncementConfirmation, Event, EventAnnouncement, EventResponse
from events.models.events import source_language
from events.views.events import visible_events

NEXT_EVENTS = 5
UPCOMING_EVENTS = 5
TRANSLATIONS_LISTED = 5


class NextEventsPanel(Component):
    order = 100
    template_name = "events/includes/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"events": visible_events(self.user).upcoming()[:NEXT_EVENTS]}


class UpcomingEventsPanel(Component):
    """Staff's dashboard (``construct_homepage_panels``): the next events and their answers."""

    order = 130
    template_name = "events/admin/panels/upcoming_events.html"

    def get_context_data(self, parent_context=None):
        answers = EventResponse.objects.filter(event=OuterRef("pk")).order_by().values("event")
        events = (
            Event.objects.originals()
            .upcoming()
            .annotate(
                attending=Coalesce(
                    Subquery(answers.filter(attending=True).annotate(n=Count("pk")).values("n")),
                    0,
                ),
                people=Coalesce(
                    Subquery(answers.filter(attending=True).annotate(n=Sum("people")).values("n")),
                    0,
                ),
                declined=Coalesce(
                    Subquery(answers.filter(attending=False).annotate(n=Count("pk")).values("n")),
                    0,
                ),
            )
            .annotate(
                # Live, yet its audience not emailed: approved in moderation, say.
                unannounced=~Exists(EventAnnouncement.objects.filter(event=OuterRef("pk")))
                & ~Exists(AnnouncementConfirmation.objects.filter(event=OuterRef("pk")))
            )
            .only("pk", "title", "start", "live", "live_revision_id")[:UPCOMING_EVENTS]
        )
        return {
            "events": [
                (
                    event,
                    reverse("wagtailsnippets_events_event:edit", args=[event.pk]),
                    reverse("events_responses", args=[event.pk]),
                    reverse(
                        "wagtailsnippets_events_event:confirm_publish",
                        args=[event.pk, event.live_revision_id],
                    )
                    if event.live and event.unannounced and event.live_revision_id
                    else None,
                )
                for event in events
            ],
            "index_url": reverse("wagtailsnippets_events_event:list") + "?when=upcoming",
        }


def translations_behind():
    """Translated pages and events whose Japanese source changed after its translations
    were last synced: wagtail-localize's source is older than the source's last publishing."""
    from wagtail.models import Page
    from wagtail_localize.models import Translation, TranslationSource

    def published(model):
        return Subquery(
            model.objects.filter(
                translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id")
            ).values("last_published_at")[:1]
        )

    return (
        TranslationSource.objects.filter(locale__language_code=source_language())
        .filter(Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True)))
        .annotate(changed=Coalesce(published(Page), published(Event)))
        .filter(changed__gt=F("last_updated_at"))
        .order_by("-changed")
    )


class TranslationsBehindPanel(Component):
    """Staff's dashboard: translations to sync with their Japanese source."""

    order = 140
    template_name = "events/admin/panels/translations_behind.html"

    def get_context_data(self, parent_context=None):
        sources = translations_behind()
        listed = list(sources.only("pk", "object_repr")[:TRANSLATIONS_LISTED])
        count = len(listed) if len(listed) < TRANSLATIONS_LISTED else sources.count()
        return {
            "count": count,
            "sources": [
                (source, reverse("wagtail_localize:update_translations", args=[source.pk]))
                for source in listed
            ],
        }
