"""The pages that fit a reader's answers, in her language, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from core.access import public_pages
from core.specific import specific, with_specific
from home.models import ConsultationWindowPage, TopicPage

TYPES = [ConsultationWindowPage, TopicPage]


@dataclass(frozen=True)
class Results:
    in_danger: bool
    windows: list
    topics: list


def _unique(ids):
    return list(dict.fromkeys(ids))


def find_results(step, locale_id, hub_id=None, request=None):
    """Windows and topics of every answer, in answer order, without the one-stop window.

    Editors choose pages in the source language (wagtail-localize keeps page
    choices pointing there), so each is replaced by its translation in the
    reader's locale; the chosen page itself is shown only when that
    translation does not exist or is not live. One query for them all.
    """
    window_ids = _unique(pk for answer in step.answers for pk in answer.windows)
    topic_ids = _unique(pk for answer in step.answers for pk in answer.topics)
    if not window_ids and not topic_ids:
        return Results(in_danger=step.in_danger, windows=[], topics=[])
    wanted = [*window_ids, *topic_ids, *([hub_id] if hub_id else [])]
    keys_wanted = Page.objects.filter(pk__in=wanted).values("translation_key")
    found = Page.objects.filter(
        Q(pk__in=wanted) | Q(live=True, locale_id=locale_id, translation_key__in=keys_wanted)
    )
    pages = [specific(page, TYPES) for page in public_pages(with_specific(found, TYPES), request)]
    keys = {page.pk: page.translation_key for page in pages if page.pk in wanted}
    hub_key = keys.get(hub_id)
    windows = [
        window
        for window in _localized(pages, ConsultationWindowPage, window_ids, keys, locale_id)
        if window.translation_key != hub_key
    ]
    if step.in_danger:
        # Stable: windows for immediate danger first, each group in the editors' order.
        windows.sort(key=lambda window: not window.urgent)
    topics = _localized(pages, TopicPage, topic_ids, keys, locale_id)
    return Results(in_danger=step.in_danger, windows=windows, topics=topics)


def _localized(pages, model, ids, keys, locale_id):
    chosen = {}
    translated = {}
    for page in pages:
        if not isinstance(page, model) or not page.live:
            continue
        if page.pk in ids:
            chosen[page.pk] = page
        if page.locale_id == locale_id:
            translated[page.translation_key] = page
    result = []
    for pk in ids:
        page = translated.get(keys.get(pk)) or chosen.get(pk)
        if page is not None and page not in result:
            result.append(page)
    return result
