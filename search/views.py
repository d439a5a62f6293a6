from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.signals import post_save
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


# What ``query.search`` loads with each match for the results list: where it
# links to, and which version of the page its text is (``snippet_texts``).
RESULT_FIELDS = ("url_path", "live_revision")
TEXT_CACHE_KEY = "search-text:{}:{}"
TEXT_CACHE_SECONDS = 24 * 60 * 60  # a published page gets a new key; this bounds the rest


def specific_pages(light_pages):
    """The specific pages, in order, in one query whatever their types."""
    loaded = {
        page.pk: specific(page)
        for page in with_specific(Page.objects.filter(pk__in=[p.pk for p in light_pages]))
    }
    return [loaded[page.pk] for page in light_pages if page.pk in loaded]


def _text_key(found):
    return TEXT_CACHE_KEY.format(found.pk, getattr(found, "live_revision", None))


def snippet_texts(found):
    """{pk: the page's indexed text but its title} for the shown results, from the cache.

    The text is what the index holds (search.indexing.plain_text): reading it
    means loading the specific page and turning its rich text and blocks into
    text, the most expensive part of a results page. It is kept in the cache
    (Redis in production, shared by every process) under the page and its
    live revision, so a page published again is read again; only the pages
    not in the cache are loaded, in one query.
    """
    keys = {record.pk: _text_key(record) for record in found}
    cached = cache.get_many(keys.values())
    texts = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [record for record in found if record.pk not in texts]
    if missing:
        read = {
            page.pk: indexing.plain_text(page) if hasattr(page, "search_text_terms") else ""
            for page in specific_pages(missing)
        }
        cache.set_many({keys[pk]: text for pk, text in read.items()}, TEXT_CACHE_SECONDS)
        texts.update(read)
    return texts


def _forget_text(sender, instance, **kwargs):
    """A page saved without a new live revision (a script, a fix): read its text again."""
    if isinstance(instance, Page):
        cache.delete(TEXT_CACHE_KEY.format(instance.pk, instance.live_revision_id))


post_save.connect(_forget_text, dispatch_uid="search.views.forget_text")


def results_for(found, text):
    """The shown matches (``query.Found`` records) with their highlighted title and snippet.

    At most one query (the pages whose text is not in the cache, and only
    when a record lacks ``RESULT_FIELDS`` one for those): the page to link to
    is made from the record, never loaded.
    """
    found = list(found)
    if found and not all(hasattr(record, "url_path") for record in found):
        rows = Page.objects.filter(pk__in=[r.pk for r in found]).values("pk", *RESULT_FIELDS)
        extra = {row["pk"]: row for row in rows}
        found = [query.Found({**extra.get(r.pk, {}), **vars(r)}) for r in found]
    texts = snippet_texts(found)
    return [
        Result(
            Page(pk=record.pk, title=record.title, url_path=record.url_path),
            snippets.highlight(record.title, text),
            snippets.snippet(texts[record.pk], text),
        )
        for record in found
        if record.pk in texts
    ]


def begin(request, template):
    """The cleaned query and the page's context; and the page itself when there is nothing to search.

    Shared by the public search and the members' search (members.views.search).
    """
    cleaned = query.clean(request.GET.get("q", ""))
    context = {
        "search_query": cleaned.text,
        "truncated": cleaned.truncated,
        "search_max_length": query.MAX_QUERY_LENGTH,
    }
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
    ranked, also = synonyms.search(pages, cleaned.text, locale.language_code, only=RESULT_FIELDS)
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
        # Each search keeps its best query.CANDIDATES: more pages may match.
        capped=len(ranked) >= query.CANDIDATES,
        partial=bool(ranked) and not ranked.complete,
        also_searched=list(dict.fromkeys(a.word for a in also)) if ranked else [],
    )
    return TemplateResponse(request, "search/search.html", context)
