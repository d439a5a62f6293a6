"""Resources reuse the public site's topic pages; members read their titles in their language."""

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from home.models import TopicPage


def _languages():
    return [translation.get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE]


def topic_titles(topic_ids):
    """{topic page id: title in the active language, or the source title} in one query."""
    topic_ids = {pk for pk in topic_ids if pk}
    if not topic_ids:
        return {}
    active, default = _languages()
    rows = TopicPage.objects.filter(
        Q(pk__in=topic_ids)
        | Q(
            translation_key__in=TopicPage.objects.filter(pk__in=topic_ids).values(
                "translation_key"
            ),
            locale__language_code=active,
        )
    ).values_list("pk", "translation_key", "title", "locale__language_code")
    translated = {key: title for _pk, key, title, language in rows if language == active}
    return {pk: translated.get(key, title) for pk, key, title, _language in rows if pk in topic_ids}


def topic_choices():
    """(id, title) for every topic of the source tree, in its order, titles in the active language."""
    ids = list(
        TopicPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    titles = topic_titles(ids)
    return [(pk, titles[pk]) for pk in ids]
