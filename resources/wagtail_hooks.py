from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from core.decisions import RejectionFormatter
from core.panels import WaitingWorkPanel
from core.retention import Rule
from resources.admin_views import DownloadReportView, course_viewset, resource_viewset
from resources.models import Download, HeldUpload, Resource
from resources.search import CourseArea, ResourceArea


class ResourcesGroup(ViewSetGroup):
    menu_label = _("Library and training")
    menu_icon = "folder-open-inverse"
    menu_order = 270
    items = (resource_viewset, course_viewset)


@hooks.register("register_admin_viewset")
def register_resources_group():
    return ResourcesGroup()


class ProposalsPanel(WaitingWorkPanel):
    """Staff's dashboard: resources members proposed, waiting for a decision."""

    order = 120
    panel_id = "proposals-waiting"
    heading = _("Resource proposals")
    nothing_waiting = _("No proposal is waiting.")
    review = _("Review proposals")
    viewset = resource_viewset
    model = Resource
    status = Resource.Status.PROPOSED
    index_url_name = "resources_library:index"


@hooks.register("construct_homepage_panels")
def proposals_panel(request, panels):
    ProposalsPanel.add_for(request, panels)


@hooks.register("register_admin_urls")
def register_download_report_urls():
    return [
        path("reports/downloads/", DownloadReportView.as_view(), name="resources_downloads"),
        path(
            "reports/downloads/results/",
            DownloadReportView.as_view(results_only=True),
            name="resources_downloads_results",
        ),
    ]


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return DownloadReportView.permission_policy.user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_download_report_menu_item():
    return DownloadReportMenuItem(
        _("Downloads"), reverse("resources_downloads"), icon_name="download", order=1100
    )


@hooks.register("register_log_actions")
def register_resource_actions(actions):
    actions.register_action("resources.download", _("Download"), _("Downloaded"))
    actions.register_action("resources.propose", _("Propose resource"), _("Resource proposed"))
    actions.register_action("resources.approve", _("Approve resource"), _("Resource approved"))

    @actions.register_action("resources.reject")
    class RejectFormatter(RejectionFormatter):
        label = _("Reject resource")
        message = _("Resource rejected")


@hooks.register("register_members_search_area")
def register_library_search_area():
    return ResourceArea()


@hooks.register("register_members_search_area")
def register_training_search_area():
    return CourseArea()


@hooks.register("register_retention_rule")
def download_retention():
    # Who downloaded what: kept for the yearly usage figures, then deleted.
    return Rule(
        "downloads",
        "RETENTION_DOWNLOAD_DAYS",
        lambda cutoff: Download.objects.filter(created_at__lt=cutoff),
    )


@hooks.register("register_retention_rule")
def held_upload_retention():
    # Files chosen for a proposal that was never sent: deleted with their rows.
    return Rule(
        "held uploads",
        "RETENTION_HELD_UPLOAD_DAYS",
        lambda cutoff: HeldUpload.objects.filter(created_at__lt=cutoff),
    )
