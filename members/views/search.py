"""Members' search: the pages, events, library resources and courses a member may see.

The same query rules, terms, order and snippets as the public search
(search.query, search.members, search.snippets), over what the members area
already shows her: pages whose view restrictions let her in,
``Event.objects.visible_to``, ``visible_resources`` and ``visible_courses``.
Unlike the public search, nothing is recorded, not even a search that found
nothing: members may type what they know of a case.
"""

from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from core.access import members_only, visible_pages
from home.templatetags.portal_tags import active_locale
from members.models import Event
from resources.audience import visible_resources
from resources.views.training import visible_courses
from search import members as field_search
from search import query, snippets
from search.views import begin, results_for

PER_KIND = 20


@dataclass(frozen=True)
class Found:
    title: SafeString
    url: str
    kind: str
    snippet: SafeString
    event: Event | None = None  # for its date


@dataclass(frozen=True)
class Section:
    name: str
    heading: str
    results: list
    total: int

    @property
    def more(self):
        return self.total > len(self.results)


def member_pages(request, locale):
    """Live pages of ``locale`` that the access rule lets her see (core.access)."""
    return visible_pages(Page.objects.live().filter(locale=locale).exclude(depth__lte=1), request)


def page_section(request, text):
    ranked = query.search(
        member_pages(request, active_locale(request)), text, only=["content_type"]
    )
    found = [
        Found(result.title, result.page.get_url(request), _("Page"), result.snippet)
        for result in results_for(ranked[:PER_KIND], text)
    ]
    return Section("pages", _("Pages"), found, len(ranked)), ranked.complete


def event_section(user, text):
    events = Event.objects.visible_to(user).only(
        "pk", "title", "kind", "start", "end", "venue", "agenda"
    )
    ranked = field_search.search(events, text, ["title", "venue", "agenda"])
    found = [
        Found(
            snippets.highlight(event.title, text),
            reverse("members:event", args=[event.pk]),
            event.get_kind_display(),
            snippets.snippet(f"{event.venue} {get_text_for_indexing(event.agenda)}", text),
            event=event,
        )
        for event in ranked[:PER_KIND]
    ]
    return Section("events", _("Meetings and events"), found, len(ranked)), ranked.complete


def resource_section(user, text):
    resources = visible_resources(user).only("pk", "title", "description", "kind")
    ranked = field_search.search(
        resources.order_by("-updated_at", "-pk"), text, ["title", "description"]
    )
    found = [
        Found(
            snippets.highlight(resource.title, text),
            reverse("resources:resource", args=[resource.pk]),
            resource.get_kind_display(),
            snippets.snippet(resource.description, text),
        )
        for resource in ranked[:PER_KIND]
    ]
    return Section("resources", _("Resource library"), found, len(ranked)), ranked.complete


def course_section(user, text):
    courses = visible_courses(user).only("pk", "title", "description")
    ranked = field_search.search(courses, text, ["title", "description"])
    found = [
        Found(
            snippets.highlight(course.title, text),
            reverse("resources:course", args=[course.pk]),
            _("Training course"),
            snippets.snippet(course.description, text),
        )
        for course in ranked[:PER_KIND]
    ]
    return Section("courses", _("Training"), found, len(ranked)), ranked.complete


@members_only
@never_cache
@require_safe
def search_view(request):
    cleaned, context, answered = begin(request, "members/search.html")
    if answered:
        return answered

    text, user = cleaned.text, request.user
    searched = [
        page_section(request, text),
        event_section(user, text),
        resource_section(user, text),
        course_section(user, text),
    ]
    sections = [section for section, _complete in searched]
    total = sum(section.total for section in sections)
    context.update(
        sections=[section for section in sections if section.results],
        total=total,
        partial=bool(total) and not any(complete for _section, complete in searched),
        per_kind=PER_KIND,
    )
    return TemplateResponse(request, "members/search.html", context)
