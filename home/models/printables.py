"""Cards, a leaflet and a poster to print, drawn from the site's own windows.

Nothing is uploaded: each item is an HTML page with print styles, made from the
consultation windows of the page's language (the one-stop window of the network
settings, the lines for immediate danger) when it is asked for, so a window's new
number or hours reaches the paper with its next publish. The QR code is drawn
here by segno (``home.qr``). Like every page, the items are cached for
anonymous readers and cleared when editors publish.
"""

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.access import visible_pages
from home import qr
from home.hours import format_time, weekday_name

from .base import BasePage
from .settings import NetworkSettings
from .windows import ConsultationWindowPage

CARDS_PER_SHEET = 10  # 2 × 5 cards of 91 × 55 mm on A4, as on ready-cut card paper
CARD_URGENT_LINES = 4  # what fits on a card beside the one-stop window


def grouped_hours(window):
    """The weekly hours in a few lines: ("Monday – Friday", "9:00–16:00")."""
    opening = window.opening
    if opening.always_open or not opening.has_schedule:
        return []
    groups = []  # [first day, last day, ranges]
    for day, ranges in opening.ranges.items():
        if not ranges:
            continue
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == ranges:
            groups[-1][1] = day
        else:
            groups.append([day, day, ranges])
    lines = []
    for first, last, ranges in groups:
        days = weekday_name(first)
        if last != first:
            days = f"{days} – {weekday_name(last)}"
        times = ", ".join(f"{format_time(a)}–{format_time(b)}" for a, b in ranges)
        lines.append((days, times))
    return lines


class Printables:
    """What the printed items show, in the language of ``page``: one query for the windows."""

    def __init__(self, page, request):
        self.page = page
        self.request = request
        home = page.get_parent()  # kept by HomePage.route, which found this page
        windows = visible_pages(
            ConsultationWindowPage.objects.live()
            .filter(locale_id=page.locale_id, path__startswith=home.path)
            .order_by("path"),
            request,
        )
        self.windows = list(windows)
        for window in self.windows:
            window.hour_lines = grouped_hours(window)
        hub = NetworkSettings.for_reader(request).hub_window
        hub_key = hub.translation_key if hub else None
        self.hub = next((w for w in self.windows if w.translation_key == hub_key), None)
        self.urgent = [w for w in self.windows if w.urgent and w.phone and w != self.hub]
        self.others = [w for w in self.windows if not w.urgent and w != self.hub]
        self.home = home
        self.card_urgent = self.urgent[:CARD_URGENT_LINES]
        self.cards = range(CARDS_PER_SHEET)

    @cached_property
    def site_url(self):
        return qr.public_url(self.home) or ""

    @cached_property
    def qr_svg(self):
        if not self.site_url:
            return ""
        code = qr.make(self.site_url)
        return mark_safe(qr.svg_inline(code, title=self.site_url))  # noqa: S308 (segno's SVG)


class PrintablesPage(RoutablePageMixin, BasePage):
    """Cards, a leaflet and a poster in the page's language, ready to print."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    ITEMS = {
        "card": "home/printables/card.html",
        "leaflet": "home/printables/leaflet.html",
        "poster": "home/printables/poster.html",
    }

    class Meta:
        verbose_name = _("cards and posters page")
        verbose_name_plural = _("cards and posters pages")

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides={"items": self.item_urls(request)})

    @path("<slug:item>/", name="item")
    def item(self, request, item):
        template = self.ITEMS.get(item)
        if template is None:
            raise Http404
        return self.render(
            request,
            template=template,
            context_overrides={"print": Printables(self, request), "item": item},
        )

    def item_url(self, item, request=None):
        return self.get_url(request) + self.reverse_subpage("item", kwargs={"item": item})

    def item_urls(self, request=None):
        return {item: self.item_url(item, request) for item in self.ITEMS}

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        last = self.last_published_at
        for item in self.ITEMS:
            location = base + self.reverse_subpage("item", kwargs={"item": item})
            urls.append({"location": location, "lastmod": last})
        return urls
