"""The library's list: filters from the query string, counts per facet value, one page.

Each facet counts what the other filters leave, so a member sees how many
resources a choice would give before choosing it. Every query here is one
aggregate or one page: the number of queries does not grow with the library.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from resources.audience import visible_resources
from resources.models import ResourceFile, ResourceKind
from resources.topics import topic_titles
from search import fields, query

PER_PAGE = 20
LIBRARY_FIELDS = ["title", "description"]


class LibraryFilters(forms.Form):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices, required=False)
    topic = forms.IntegerField(label=_("Topic"), required=False, min_value=1, max_value=2**31 - 1)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)

    def values(self):
        """The valid filters; a value that is not valid is ignored rather than refused."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        values["q"] = query.clean(values["q"]).text
        return values


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list

    @property
    def any_selected(self):
        return any(option.selected for option in self.options)


def apply_filters(queryset, filters, skip=None):
    if filters["kind"] and skip != "kind":
        queryset = queryset.filter(kind=filters["kind"])
    if filters["topic"] and skip != "topic":
        queryset = queryset.filter(topic_id=filters["topic"])
    if filters["language"] and skip != "language":
        queryset = queryset.in_language(filters["language"])
    return queryset


def _counts(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(count=Count("pk")))


def _language_counts(queryset):
    current = queryset.with_current_version().order_by().values("current_version_id")
    return dict(
        ResourceFile.objects.filter(version_id__in=current)
        .order_by()
        .values_list("language")
        .annotate(count=Count("pk"))
    )


def _options(labels, counts, selected):
    """Values that give results, and the chosen one even when it gives none."""
    return [
        Option(str(value), label, counts.get(value, 0), str(value) == str(selected))
        for value, label in labels
        if counts.get(value) or str(value) == str(selected)
    ]


def facets(base, filters):
    kinds = _counts(apply_filters(base, filters, skip="kind"), "kind")
    topics = _counts(apply_filters(base, filters, skip="topic"), "topic_id")
    languages = _language_counts(apply_filters(base, filters, skip="language"))
    titles = topic_titles([*topics, filters["topic"]])
    topic_labels = sorted(titles.items(), key=lambda item: item[1])
    return [
        Facet("kind", _("Kind"), _options(ResourceKind.choices, kinds, filters["kind"])),
        Facet("topic", _("Topic"), _options(topic_labels, topics, filters["topic"])),
        Facet(
            "language",
            _("Language"),
            _options(settings.LANGUAGES, languages, filters["language"]),
        ),
    ], titles


def _decorate(resources, titles):
    """Each listed resource's topic title and the languages of its current version."""
    versions = {resource.current_version_id for resource in resources}
    found = {}
    for version_id, language in ResourceFile.objects.filter(version_id__in=versions).values_list(
        "version_id", "language"
    ):
        found.setdefault(version_id, set()).add(language)
    names = dict(settings.LANGUAGES)
    for resource in resources:
        resource.topic_title = titles.get(resource.topic_id, "")
        here = found.get(resource.current_version_id, set())
        resource.language_names = [names[code] for code in names if code in here]
    return resources


def browse(user, params):
    """The filters, facets and requested page of the library for this user."""
    form = LibraryFilters(params)
    filters = form.values()
    # The members' search and this box find the same resources (search.fields).
    base = fields.matching(visible_resources(user), filters["q"], LIBRARY_FIELDS)
    results = apply_filters(base, filters).with_current_version().order_by("-updated_at", "-pk")
    page = Paginator(results, PER_PAGE).get_page(params.get("page"))
    page.object_list = list(page.object_list)
    facet_list, titles = facets(base, filters)
    _decorate(page.object_list, titles)
    return {"form": form, "filters": filters, "facets": facet_list, "results": page}
