from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import visible_pages

from .base import BasePage
from .events import EventPage
from .news import NewsPage
from .topics import TopicPage
from .windows import ConsultationWindowPage


class HomePage(BasePage):
    """The home of one language: help first, then what the network is doing."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.SectionPage",
        "home.ContentPage",
        "home.NewsIndexPage",
        "home.EventIndexPage",
        "home.FAQPage",
        "helpfinder.HelpFinderPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        mine = {"locale_id": self.locale_id}

        def visible(model):
            return visible_pages(model.objects.live().filter(**mine), request)

        context["urgent_windows"] = visible(ConsultationWindowPage).filter(urgent=True)
        context["topics"] = visible(TopicPage)
        context["latest_news"] = visible(NewsPage).order_by("-date", "-pk")[:3]
        context["upcoming_events"] = (
            visible(EventPage).filter(start__gte=timezone.now()).order_by("start")[:3]
        )
        return context
