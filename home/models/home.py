from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.access import ANONYMOUS, page_rules, viewer_of, visible_pages
from core.memo import remembered
from core.specific import specific, with_specific, without_heavy_fields

from .base import BasePage
from .events import EventPage
from .news import NewsPage
from .topics import TopicPage
from .windows import ConsultationWindowPage

HOME_LISTS = [ConsultationWindowPage, TopicPage, NewsPage, EventPage]


def _routes_itself(page, remaining):
    """Whether Wagtail would let the page answer for the rest of the path itself."""
    if type(page).route is Page.route:
        return False
    if isinstance(page, RoutablePageMixin) and remaining:
        # Its own routes first, then its children, as RoutablePageMixin.route does.
        try:
            page.resolve_subpage("/" + "/".join(remaining) + "/")
        except Http404:
            return False
    return True


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
        "home.PrintablesPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """The page at this path in one query, where Wagtail reads two a level."""
        if path_components:
            result = self._route_by_url_path(request, path_components)
        else:
            result = super().route(request, path_components)
        # The access rule's restrictions, read once, spare Wagtail's own check its queries.
        result[0]._request_page_rules = page_rules(request)
        return result

    def _route_by_url_path(self, request, path_components):
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: n + 1])
            for n in range(len(path_components))
        ]
        found = Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)
        by_depth = {page.depth: page for page in with_specific(found)}
        parent, remaining = self, list(path_components)
        while remaining:
            child = by_depth.get(parent.depth + 1)
            if child is None:
                raise Http404
            child = specific(child)
            child._cached_parent_obj = parent
            remaining = remaining[1:]
            if _routes_itself(child, remaining):
                return child.route(request, remaining)
            parent = child
        return parent.route(request, [])

    def get_context(self, request, *args, **kwargs):
        """The four lists below, in one query; an anonymous reader's kept between
        requests until content changes (core.memo)."""
        context = super().get_context(request, *args, **kwargs)
        if viewer_of(request) is ANONYMOUS:
            lists = remembered(request, ("home-lists", self.pk), lambda: self._lists(request))
        else:
            lists = self._lists(request)
        context.update(lists)
        return context

    def _lists(self, request):
        def visible(model):
            return visible_pages(model.objects.live().filter(locale_id=self.locale_id), request)

        news = visible(NewsPage).order_by("-date", "-pk").values("pk")[:3]
        events = visible(EventPage).filter(start__gte=timezone.now()).order_by("start")
        listed = visible(Page).filter(
            Q(consultationwindowpage__urgent=True)
            | Q(topicpage__isnull=False)
            | Q(pk__in=news)
            | Q(pk__in=events.values("pk")[:3])
        )
        # Titles, leads, dates and telephone numbers: not the pages' bodies.
        listed = without_heavy_fields(listed, HOME_LISTS)
        pages = [specific(page, HOME_LISTS) for page in listed]

        def of(model):
            return [page for page in pages if isinstance(page, model)]

        return {
            "urgent_windows": of(ConsultationWindowPage),
            "topics": of(TopicPage),
            "latest_news": sorted(of(NewsPage), key=lambda p: (p.date, p.pk), reverse=True),
            "upcoming_events": sorted(of(EventPage), key=lambda p: p.start),
        }
