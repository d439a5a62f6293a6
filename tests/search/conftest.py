from collections import defaultdict

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from demo import builder, content_files


def without_search_updates():
    backends = settings.WAGTAILSEARCH_BACKENDS
    return override_settings(
        WAGTAILSEARCH_BACKENDS={name: {**b, "AUTO_UPDATE": False} for name, b in backends.items()}
    )


def translate_demo(codes):
    """The demo's translations in ``codes``, as copies of the Japanese pages.

    Quicker than ``load_demo`` (no wagtail-localize round trip, one indexing
    at the end), with the same text from the same content files.
    """
    home = Site.objects.get(is_default_site=True).root_page
    source = {}
    for key, spec in content_files.load(content_files.SOURCE_LANGUAGE).items():
        parent = home if spec["type"] == "home" else source.get(spec.get("parent"))
        if spec["type"] == "home":
            source[key] = home
        elif parent is not None:
            source[key] = Page.objects.get(pk=parent.pk).get_children().get(slug=spec["slug"])
    created = defaultdict(list)
    with without_search_updates():
        for code in codes:
            locale = Locale.objects.get(language_code=code)
            for key, spec in content_files.load(code).items():
                if key not in source:
                    continue
                existing = source[key].get_translation_or_none(locale)
                if existing is not None and not existing.alias_of_id:
                    continue
                # An alias (the test site syncs every language) becomes the translation.
                copy = existing or source[key].copy_for_translation(locale)
                translated = Page.objects.get(pk=copy.pk).specific
                translated.alias_of = None
                builder.apply_text(translated, spec | {"key": key})
                # Live without a revision: readers and search see it, which is all we need.
                translated.live, translated.has_unpublished_changes = True, False
                translated.first_published_at = translated.last_published_at = timezone.now()
                translated.save()
                created[type(translated)].append(translated)
    backend = get_search_backend()
    for model, pages in created.items():
        backend.add_bulk(model, pages)


@pytest.fixture(scope="module")
def languages_of_the_relevance_set(django_db_setup, django_db_blocker):
    """The demo in every language of search/relevance.toml, for one test module.

    Built inside a transaction rolled back when the module is done, so other
    tests keep the Japanese and English site they expect.
    """
    from search import relevance

    codes = sorted({case.language for case in relevance.load_cases()} - {"ja", "en"})
    with django_db_blocker.unblock(), transaction.atomic():
        translate_demo(codes)
        yield codes
        transaction.set_rollback(True)
