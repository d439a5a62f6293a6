from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.retention import Rule
from search.admin_views import SynonymViewSet, ZeroResultsReportView
from search.areas import PageArea
from search.models import ZeroResultQuery

register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_zero_results_report_urls():
    view = ZeroResultsReportView
    return [
        path("reports/searches-found-nothing/", view.as_view(), name="search_zero_results"),
        path(
            "reports/searches-found-nothing/results/",
            view.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


class ZeroResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return ZeroResultsReportView.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return ZeroResultsMenuItem(
        _("Searches that found nothing"),
        reverse("search_zero_results"),
        name="searches-found-nothing",
        icon_name="search",
        order=1250,
    )


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items):
    # search_promotions' "Search terms" report counts every query readers make;
    # this site never records them, so the report would stay empty.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_zero_results_permission():
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_zeroresultquery"
    )


@hooks.register("register_members_search_area")
def register_page_search_area():
    return PageArea()


@hooks.register("register_retention_rule")
def zero_result_retention():
    return Rule(
        "searches that found nothing",
        "RETENTION_SEARCH_DAYS",
        lambda cutoff: ZeroResultQuery.objects.filter(date__lt=cutoff.date()),
    )
