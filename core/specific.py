"""Specific pages read in the same query as the pages themselves.

Wagtail's ``PageQuerySet.specific()`` sends one more query a page type. A
list of a few types (a section's children, the home page's lists) reads them
here as a LEFT JOIN a type instead: Django fills a page type's row through the
reverse one-to-one link from ``Page``, inherited fields included.
"""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page, get_page_models


def _link_name(model):
    return model._meta.parents[Page].remote_field.get_accessor_name()


def with_specific(queryset, models=None):
    """``queryset`` with the specific page of each of ``models`` (all page types by default)."""
    models = models or [m for m in get_page_models() if Page in m._meta.parents]
    return queryset.select_related(*(_link_name(model) for model in models))


def specific(page, models=None):
    """The specific page read by :func:`with_specific`, or ``page`` when it is of none of ``models``."""
    models = models or [m for m in get_page_models() if Page in m._meta.parents]
    for model in models:
        name = _link_name(model)
        if page._state.fields_cache.get(name) is None:
            continue
        try:
            return getattr(page, name)
        except ObjectDoesNotExist:
            continue
    return page


def heavy_fields(model):
    """The names of ``model``'s own stream and rich text fields: JSON to parse and blocks
    to build for every row read, whether the page shows them or not."""
    from wagtail.fields import RichTextField, StreamField

    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (StreamField, RichTextField)) and field.model is model
    ]


def without_heavy_fields(queryset, models, keep=()):
    """``with_specific(queryset, models)`` without the specific pages' stream and rich
    text fields (but those named ``model.field`` in ``keep``): for lists and links,
    which show titles, leads, dates and telephone numbers. Reading a field left out
    costs a query: tests/test_queries.py counts them."""
    deferred = [
        f"{_link_name(model)}__{name}"
        for model in models
        for name in heavy_fields(model)
        if f"{model.__name__}.{name}" not in keep
    ]
    return with_specific(queryset, models).defer(*deferred)
