"""Members' search: the pages, events, library resources and courses a member may see.

Each app adds its own section (``register_members_search_area``, search.areas),
with the same query rules, terms, order and snippets as the public search,
over what the members area already shows her. Unlike the public search,
nothing is recorded, not even a search that found nothing: members may type
what they know of a case.
"""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.access import members_only
from search.areas import PER_AREA, search_areas
from search.views import begin


@members_only
@never_cache
@require_safe
def search_view(request):
    cleaned, context, answered = begin(request, "members/search.html")
    if answered:
        return answered

    searched = [area.search(request, cleaned.text) for area in search_areas()]
    sections = [section for section, _complete in searched]
    total = sum(section.total for section in sections)
    context.update(
        sections=[section for section in sections if section.results],
        total=total,
        partial=bool(total) and not any(complete for _section, complete in searched),
        per_kind=PER_AREA,
    )
    return TemplateResponse(request, "members/search.html", context)
