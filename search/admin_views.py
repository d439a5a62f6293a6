"""The editors' report of searches that found nothing (search.zero_results), and the
search words they keep (search.synonyms)."""

import django_filters
from django.conf import settings
from django.db.models import Max, Sum
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym, ZeroResultQuery


class ZeroResultFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    language_code = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = ZeroResultQuery
        fields = []


def language_name(row):
    return get_language_info(row["language_code"])["name_local"]


class ZeroResultsReportView(ReportView):
    page_title = _("Searches that found nothing")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    permission_policy = ModelPermissionPolicy(ZeroResultQuery)
    permission_required = "view"
    filterset_class = ZeroResultFilterSet
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-searches"
    columns = [
        Column("query", label=_("Search words"), sort_key="query"),
        Column("language", label=_("Language"), accessor=language_name),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        DateColumn("last_searched", label=_("Last searched"), sort_key="last_searched"),
    ]
    list_export = ["query", "language_code", "searches", "last_searched"]
    export_headings = {
        "query": _("Search words"),
        "language_code": _("Language"),
        "searches": _("Searches"),
        "last_searched": _("Last searched"),
    }

    def get_base_queryset(self):
        # One row a query and language, however many days it was searched on.
        return ZeroResultQuery.objects.values("query", "language_code").annotate(
            searches=Sum("count"), last_searched=Max("date")
        )


def _words_in_a_line(synonym):
    return ", ".join(synonym.word_list)


class SynonymFilterSet(WagtailFilterSet):
    language_code = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = Synonym
        fields = []


class SynonymViewSet(SnippetViewSet):
    """Settings → Search words: what readers type, and the words the pages use for it."""

    model = Synonym
    icon = "search"
    menu_label = _("Search words")
    menu_name = "search-words"
    add_to_settings_menu = True
    menu_order = 900
    list_display = [
        "term",
        Column("words", label=_("Also search for"), accessor=_words_in_a_line),
        "language_code",
    ]
    filterset_class = SynonymFilterSet
    search_fields = ["term", "words"]
    search_backend_name = None  # the database's own filtering: no index of these rows
    ordering = ["language_code", "key"]
    panels = [FieldPanel("language_code"), FieldPanel("term"), FieldPanel("words")]
