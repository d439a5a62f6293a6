"""The members' search, grown by each app: ``register_members_search_area``.

Shaped like Wagtail's ``register_admin_search_area``: an app's
``wagtail_hooks`` returns a :class:`SearchArea` for what it holds (pages,
events, library resources, courses), and the members' search asks each in
``order``. Every area shows only what its viewer may see, and all of them
match and order alike (search.query for pages, search.fields for the rest).
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.access import visible_pages
from core.languages import active_locale
from search import fields, snippets, synonyms
from search.views import RESULT_FIELDS, results_for, searchable_pages

PER_AREA = 20


@dataclass(frozen=True)
class Found:
    title: SafeString
    url: str
    kind: str
    snippet: SafeString
    when: object = None  # something with start and end, shown as its date


@dataclass(frozen=True)
class Section:
    name: str
    heading: str
    results: list
    total: int

    @property
    def more(self):
        return self.total > len(self.results)


class SearchArea:
    """One kind of thing members can search; ``search`` returns (Section, complete)."""

    name = ""
    heading = ""
    order = 0

    def search(self, request, text):
        raise NotImplementedError


class FieldSearchArea(SearchArea):
    """An area of model rows matched in ``fields`` (search.fields), e.g. events or courses."""

    fields = ["title", "description"]

    def queryset(self, request):
        """What the viewer of ``request`` may see, with only the fields needed loaded."""
        raise NotImplementedError

    def url(self, obj):
        raise NotImplementedError

    def kind(self, obj):
        raise NotImplementedError

    def snippet_text(self, obj):
        return getattr(obj, "description", "")

    def when(self, obj):
        return None

    def search(self, request, text):
        ranked = fields.search(self.queryset(request), text, self.fields)
        found = [
            Found(
                snippets.highlight(obj.title, text),
                self.url(obj),
                self.kind(obj),
                snippets.snippet(self.snippet_text(obj), text),
                when=self.when(obj),
            )
            for obj in ranked[:PER_AREA]
        ]
        return Section(self.name, str(self.heading), found, len(ranked)), ranked.complete


class PageArea(SearchArea):
    """Live pages of the reader's language that the access rule lets her see (core.access)."""

    name = "pages"
    heading = _("Pages")
    order = 100

    def search(self, request, text):
        locale = active_locale(request)
        pages = visible_pages(searchable_pages(locale), request)
        ranked, also = synonyms.search(pages, text, locale.language_code, only=RESULT_FIELDS)
        found = [
            Found(result.title, result.page.get_url(request), _("Page"), result.snippet)
            for result in results_for(ranked[:PER_AREA], synonyms.marked(text, also))
        ]
        return Section(self.name, str(self.heading), found, len(ranked)), ranked.complete


def search_areas():
    """Every registered area, in order."""
    return sorted(
        (make() for make in hooks.get_hooks("register_members_search_area")),
        key=lambda area: area.order,
    )
