from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
        context["urgent_windows"] = (
            ConsultationWindowPage.objects.live().public().filter(urgent=True, **mine)
        )
        context["topics"] = TopicPage.objects.live().public().filter(**mine)
        context["latest_news"] = (
            NewsPage.objects.live().public().filter(**mine).order_by("-date", "-pk")[:3]
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .public()
            .filter(start__gte=timezone.now(), **mine)
            .order_by("start")[:3]
        )
        return context
