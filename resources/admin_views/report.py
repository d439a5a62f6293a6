"""Downloads per resource and per month, for staff: a chart, a table and a CSV/XLSX export.

Everything is counted in the database (TruncMonth + Count): one query for the
chart, one for the page of rows and one for their months, however many
downloads there are.
"""

import datetime

import django_filters
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from resources.chart import bar_chart
from resources.models import Download, Resource, ResourceKind

TRAINING = "training"
MONTH_CHOICES = [("3", _("3 months")), ("6", _("6 months")), ("12", _("12 months"))]
DEFAULT_MONTHS = 12


def month_starts(count, today=None):
    """The first day of each of the last ``count`` months, oldest first, this month last."""
    first = (today or timezone.localdate()).replace(day=1)
    months = [first]
    for _i in range(count - 1):
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    return months[::-1]


def as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


class DownloadFilterSet(WagtailFilterSet):
    months = django_filters.ChoiceFilter(
        label=_("Period"), choices=MONTH_CHOICES, method="keep", empty_label=None
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[*ResourceKind.choices, (TRAINING, _("Training material"))],
        method="filter_kind",
        empty_label=_("All"),
    )

    class Meta:
        model = Download
        fields = []

    def keep(self, queryset, name, value):
        return queryset  # the view applies the period, which also shapes the columns

    def filter_kind(self, queryset, name, value):
        if value == TRAINING:
            return queryset.filter(material__isnull=False)
        return queryset.filter(resource__kind=value)


class DownloadReportView(ReportView):
    page_title = _("Downloads")
    header_icon = "download"
    index_url_name = "resources_downloads"
    index_results_url_name = "resources_downloads_results"
    results_template_name = "resources/admin/download_report_results.html"
    filterset_class = DownloadFilterSet
    model = Download
    permission_policy = ModelPermissionPolicy(Resource)
    any_permission_required = ["change"]
    export_filename = "resource-downloads"
    paginate_by = 50

    @cached_property
    def months(self):
        chosen = self.filters.form.cleaned_data.get("months") if self.filters.is_valid() else None
        return month_starts(int(chosen or DEFAULT_MONTHS))

    def month_key(self, month):
        return month.strftime("%Y-%m")

    @cached_property
    def columns(self):
        return [
            Column("title", label=_("Title")),
            Column("what", label=_("Kind")),
            *[
                Column(self.month_key(month), label=date_format(month, "YEAR_MONTH_FORMAT"))
                for month in self.months
            ],
            Column("total", label=_("Total")),
        ]

    @cached_property
    def list_export(self):
        return [column.name for column in self.columns]

    @cached_property
    def export_headings(self):
        return {column.name: str(column.label) for column in self.columns}

    def in_period(self):
        start = timezone.make_aware(datetime.datetime.combine(self.months[0], datetime.time.min))
        return self.filter_queryset(Download.objects.filter(created_at__gte=start))

    def get_queryset(self):
        return (
            self.in_period()
            .values(
                "resource",
                "resource__title",
                "resource__kind",
                "material",
                "material__title",
                "material__module__course__title",
            )
            .annotate(total=Count("pk"))
            .order_by("-total", "resource__title", "material__title", "resource", "material")
        )

    def get_filtered_queryset(self):
        return self.get_queryset()

    def decorate_paginated_queryset(self, rows):
        rows = list(rows)
        resources = [row["resource"] for row in rows if row["resource"]]
        materials = [row["material"] for row in rows if row["material"]]
        counts = (
            self.in_period()
            .filter(Q(resource__in=resources) | Q(material__in=materials))
            .annotate(month=TruncMonth("created_at"))
            .values_list("resource", "material", "month")
            .annotate(count=Count("pk"))
            .order_by()
        )
        by_row = {}
        for resource, material, month, count in counts:
            by_row[(resource, material, self.month_key(as_date(month)))] = count
        kinds = dict(ResourceKind.choices)
        for row in rows:
            key = (row["resource"], row["material"])
            for month in self.months:
                row[self.month_key(month)] = by_row.get((*key, self.month_key(month)), 0)
            if row["resource"]:
                row["title"] = row["resource__title"]
                row["what"] = str(kinds.get(row["resource__kind"], ""))
            else:
                row["title"] = row["material__title"]
                row["what"] = _("Training: %(course)s") % {
                    "course": row["material__module__course__title"]
                }
        return rows

    def chart(self):
        totals = {
            as_date(row["month"]): row["count"]
            for row in self.in_period()
            .annotate(month=TruncMonth("created_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by()
        }
        return bar_chart(
            (date_format(month, "YEAR_MONTH_FORMAT"), totals.get(month, 0)) for month in self.months
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = self.chart()
        return context
