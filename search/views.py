import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
# Quotes, brackets and operators mean something to the database's full-text
# syntax; a reader's search is words only.
NOT_A_WORD = re.compile(r"[^\w\s]+")


def search(request):
    """Search the public pages of the reader's language. Nothing is logged or stored."""
    query = " ".join(NOT_A_WORD.sub(" ", request.GET.get("q", "")).split())
    message = ""
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        message = _("Your search was shortened to its first %(count)d characters.") % {
            "count": MAX_QUERY_LENGTH
        }
        query = query[:MAX_QUERY_LENGTH]
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(depth__lte=1)
            .specific()
            .search(query, operator="or")
        )
        results = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "message": message},
    )
