from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.access import visible_pages
from events.models import Event

from .base import BasePage


def reader_language():
    """The content language of this request (a locale's code: ``ja-x-easy``, ``zh-hans`` …)."""
    return get_supported_content_language_variant(get_language())


class EventIndexPage(RoutablePageMixin, BasePage):
    """Public events: the EventPages below it and the public lectures members staff publish
    as events (``events.Event`` with a public audience), each at ``lecture/<id>/``.

    A lecture is shown in the reader's language when it is translated, else in
    Japanese, marked as such (``text_language``)."""

    past_shown = 20

    subpage_types = ["home.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=self.listing(request))

    @path("lecture/<int:event_id>/", name="lecture")
    def lecture(self, request, event_id):
        found = Event.objects.public().filter(pk=event_id).for_readers_of(reader_language())
        if not found:
            raise Http404
        return self.render(
            request,
            template="home/event_lecture.html",
            context_overrides={"event": found[0], "reader_language": reader_language()},
        )

    def lecture_url(self, event, request=None):
        return self.get_url(request) + self.reverse_subpage("lecture", args=[event.pk])

    def listing(self, request):
        """Pages and public lectures together, by date: two queries however many there are."""
        now = timezone.now()
        pages = self._upcoming_and_recent(
            visible_pages(EventPage.objects.child_of(self).live(), request), now
        )
        lectures = self._upcoming_and_recent(Event.objects.public(), now).for_readers_of(
            reader_language(), fields=("pk", "title", "start", "end", "venue")
        )
        items = [*self._linked_pages(pages, request), *self._linked_lectures(lectures, request)]
        upcoming = sorted((i for i in items if i.start >= now), key=lambda i: i.start)
        past = sorted((i for i in items if i.start < now), key=lambda i: i.start, reverse=True)
        return {
            "upcoming": upcoming,
            "past": past[: self.past_shown],
            "reader_language": reader_language(),
        }

    def _upcoming_and_recent(self, queryset, now):
        """Everything to come and the latest past ones, in one query."""
        recent = queryset.filter(start__lt=now).order_by("-start").values("pk")[: self.past_shown]
        return queryset.filter(Q(start__gte=now) | Q(pk__in=recent))

    @staticmethod
    def _linked_pages(pages, request):
        for page in pages:
            page.link = page.get_url(request)
            page.is_lecture = False
            yield page

    def _linked_lectures(self, lectures, request):
        for event in lectures:
            event.link = self.lecture_url(event, request)
            event.is_lecture = True
            yield event

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for event in Event.objects.public().only("pk", "last_published_at"):
            urls.append(
                {
                    "location": base + self.reverse_subpage("lecture", args=[event.pk]),
                    "lastmod": event.last_published_at,
                }
            )
        return urls


class EventPage(BasePage):
    """A public event or lecture (講演会) open to residents."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    fee = models.CharField(_("fee"), max_length=100, blank=True, help_text=_("e.g. Free"))
    how_to_join = models.TextField(_("how to take part"), blank=True)

    content_panels = BasePage.content_panels[:2] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("fee"),
                FieldPanel("how_to_join"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("start"),
        SynchronizedField("end"),
        TranslatableField("venue"),
        TranslatableField("address"),
        TranslatableField("fee"),
        TranslatableField("how_to_join"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("public event")
        verbose_name_plural = _("public events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})

    @property
    def is_past(self):
        return self.start < timezone.now()
