import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.access import visible_pages

from .base import BasePage


class NewsIndexPage(BasePage):
    per_page = 10

    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = visible_pages(NewsPage.objects.child_of(self).live(), request)
        items = items.order_by("-date", "-pk")
        context["items"] = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        return context


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=datetime.date.today)

    content_panels = (
        BasePage.content_panels[:1] + [FieldPanel("date")] + BasePage.content_panels[1:]
    )
    search_fields = BasePage.search_fields + [index.FilterField("date")]
    translatable_fields = BasePage.translatable_fields + [SynchronizedField("date")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
