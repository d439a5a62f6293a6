"""The library and training in the members' search (search.areas)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resources.audience import visible_resources
from resources.views.training import visible_courses
from search.areas import FieldSearchArea


class ResourceArea(FieldSearchArea):
    name = "resources"
    heading = _("Resource library")
    order = 300

    def queryset(self, request):
        resources = visible_resources(request.user).only("pk", "title", "description", "kind")
        return resources.order_by("-updated_at", "-pk")

    def url(self, resource):
        return reverse("resources:resource", args=[resource.pk])

    def kind(self, resource):
        return resource.get_kind_display()


class CourseArea(FieldSearchArea):
    name = "courses"
    heading = _("Training")
    order = 400

    def queryset(self, request):
        return visible_courses(request.user).only("pk", "title", "description")

    def url(self, course):
        return reverse("resources:course", args=[course.pk])

    def kind(self, course):
        return _("Training course")
