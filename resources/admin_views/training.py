"""Staff edit courses in the admin: modules and their materials inline, in order."""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from resources.models import Course


class CourseViewSet(ModelViewSet):
    model = Course
    name = "courses"
    url_prefix = "resources/courses"
    url_namespace = "resources_courses"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Training courses")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "title",
        "audience",
        "sort_order",
        BooleanColumn("live", label=gettext_lazy("Shown to members"), sort_key="live"),
    ]
    list_filter = ["audience", "live"]
    search_fields = ["title", "description"]
    search_backend_name = None


course_viewset = CourseViewSet()
