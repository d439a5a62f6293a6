from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import access
from core.languages import active_locale
from core.specific import specific, with_specific
from search import indexing, promotions, query, snippets, synonyms, zero_results

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class Result:
    page: Page
    title: SafeString
    snippet: SafeString


def searchable_pages(locale):
    """Live pages of one language, the root of the tree aside: what a search looks in."""
    return Page.objects.live().filter(locale=locale).exclude(depth__lte=1)


def public_pages(locale, request=None):
    """What a reader may find: live pages of her language without a view restriction."""
    return access.public_pages(searchable_pages(locale), request)


def specific_pages(light_pages):
    """The specific pages, in order, in one query whatever their types."""
    loaded = {
        page.pk: specific(page)
        for page in with_specific(Page.objects.filter(pk__in=[p.pk for p in light_pages]))
    }
    return [loaded[page.pk] for page in light_pages if page.pk in loaded]


def results_for(light_pages, text):
    """The pages with their highlighted title and snippet."""
    found = []
    for page in specific_pages(light_pages):
        text_of_page = indexing.plain_text(page) if hasattr(page, "search_text_terms") else ""
        found.append(
            Result(page, snippets.highlight(page.title, text), snippets.snippet(text_of_page, text))
        )
    return found


def begin(request, template):
    """The cleaned query and the page's context; and the page itself when there is nothing to search.

    Shared by the public search and the members' search (members.views.search).
    """
    cleaned = query.clean(request.GET.get("q", ""))
    context = {"search_query": cleaned.text, "truncated": cleaned.truncated}
    if cleaned.truncated:
        context["truncated_message"] = _(
            "Your search was shortened to its first %(count)d characters."
        ) % {"count": query.MAX_QUERY_LENGTH}
    if not cleaned.text:
        return cleaned, context, TemplateResponse(request, template, context)
    if query.build(cleaned.text) is None:
        context["no_words"] = True
        return cleaned, context, TemplateResponse(request, template, context)
    return cleaned, context, None


@access.public
def search(request):
    """Search the public pages of the reader's language.

    Nothing about the reader is stored; a search that finds nothing is
    counted without her (search.zero_results).
    """
    cleaned, context, answered = begin(request, "search/search.html")
    if answered:
        return answered

    locale = active_locale(request)  # shared with the page's header and footer
    promoted = promotions.promoted(cleaned.text, locale, request)
    pages = public_pages(locale, request).exclude(pk__in=[p.page.pk for p in promoted if p.page])
    ranked, also = synonyms.search(pages, cleaned.text, locale.language_code, only=["content_type"])
    paginated = Paginator(ranked, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    if not ranked and not promoted:
        zero_results.record(cleaned.text, locale.language_code)
        context["help_finder"] = zero_results.help_finder(public_pages(locale, request))
    context.update(
        promoted=promoted if paginated.number == 1 else [],
        search_results=paginated,
        page_params={"q": cleaned.text},
        results=results_for(list(paginated.object_list), synonyms.marked(cleaned.text, also)),
        total=len(ranked) + len(promoted),
        partial=bool(ranked) and not ranked.complete,
        also_searched=list(dict.fromkeys(a.word for a in also)) if ranked else [],
    )
    return TemplateResponse(request, "search/search.html", context)
