"""Results editors promote for a query (wagtail.contrib.search_promotions), in the reader's locale.

Promotions are looked up, never recorded: Wagtail's ``Query.get`` and
``add_hit`` would store every query readers type, which this site must not do.
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.access import public_pages
from search.text import normalize


@dataclass(frozen=True)
class Promoted:
    title: str
    url: str
    description: str
    page: Page | None = None


def _query_strings(text):
    # Editors type the query as Wagtail normalises it; readers may type ＤＶ for DV.
    return {normalise_query_string(text), normalise_query_string(normalize(text))}


def promoted(text, locale, request=None):
    """The promotions for ``text``: pages in ``locale`` that readers may see, and links."""
    promotions = list(
        SearchPromotion.objects.filter(query__query_string__in=_query_strings(text))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not promotions:
        return []
    keys = {p.page.translation_key for p in promotions if p.page_id}
    visible = {
        page.translation_key: page
        for page in public_pages(
            Page.objects.live().filter(translation_key__in=keys, locale=locale)
        )
    }
    found = []
    for promotion in promotions:
        if promotion.page_id is None:
            url = promotion.external_link_url
            found.append(Promoted(promotion.external_link_text or url, url, promotion.description))
            continue
        page = visible.get(promotion.page.translation_key)
        if page is None or page in (p.page for p in found):
            continue
        # The editor's description is in the language of the page they chose.
        same_language = promotion.page.locale_id == locale.pk
        description = promotion.description if same_language else page.search_description
        found.append(Promoted(page.title, page.get_url(request), description, page=page))
    return found
