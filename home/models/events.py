from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .base import BasePage


class EventIndexPage(BasePage):
    past_shown = 20

    subpage_types = ["home.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public()
        now = timezone.now()
        context["upcoming"] = events.filter(start__gte=now).order_by("start")
        context["past"] = events.filter(start__lt=now).order_by("-start")[: self.past_shown]
        return context


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
