"""The editors' report of searches that found nothing (search.zero_results)."""

import django_filters
from django.conf import settings
from django.db.models import Max, Sum
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from search.models import ZeroResultQuery


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
