"""The pages that fit a reader's answers, in her language, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from core.access import public_pages
from home.models import ConsultationWindowPage, TopicPage


@dataclass(frozen=True)
class Results:
    in_danger: bool
    windows: list
    topics: list


def _unique(ids):
    return list(dict.fromkeys(ids))


def find_results(step, locale_id, hub_id=None):
    """Windows and topics of every answer, in answer order, without the one-stop window.

    Editors choose pages in the source language (wagtail-localize keeps page
    choices pointing there), so each is replaced by its translation in the
    reader's locale; the chosen page itself is shown only when that
    translation does not exist or is not live.
    """
    window_ids = _unique(pk for answer in step.answers for pk in answer.windows)
    topic_ids = _unique(pk for answer in step.answers for pk in answer.topics)
    wanted = [*window_ids, *topic_ids, *([hub_id] if hub_id else [])]
    keys = dict(Page.objects.filter(pk__in=wanted).values_list("pk", "translation_key"))
    hub_key = keys.get(hub_id)
    windows = [
        window
        for window in _localized(ConsultationWindowPage, window_ids, keys, locale_id)
        if window.translation_key != hub_key
    ]
    if step.in_danger:
        # Stable: windows for immediate danger first, each group in the editors' order.
        windows.sort(key=lambda window: not window.urgent)
    topics = _localized(TopicPage, topic_ids, keys, locale_id)
    return Results(in_danger=step.in_danger, windows=windows, topics=topics)


def _localized(model, ids, keys, locale_id):
    if not ids:
        return []
    wanted_keys = {keys[pk] for pk in ids if pk in keys}
    found = public_pages(
        model.objects.live().filter(
            Q(translation_key__in=wanted_keys, locale_id=locale_id) | Q(pk__in=ids)
        )
    )
    chosen = {}
    translated = {}
    for page in found:
        chosen[page.pk] = page
        if page.locale_id == locale_id:
            translated[page.translation_key] = page
    pages = []
    for pk in ids:
        page = translated.get(keys.get(pk)) or chosen.get(pk)
        if page is not None and page not in pages:
            pages.append(page)
    return pages
