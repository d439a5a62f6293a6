"""Training for members: courses, their modules, and materials to download or play."""

from csp.decorators import csp_exempt
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.access import members_only
from resources.audience import audiences_of
from resources.downloads import record_download
from resources.models import Course, TrainingMaterial


def visible_courses(user):
    """Live courses for the user's audiences; staff also see courses being prepared."""
    courses = Course.objects.filter(audience__in=audiences_of(user))
    return courses if user.is_staff else courses.filter(live=True)


def get_material(request, course_id, material_id):
    course = get_object_or_404(visible_courses(request.user), pk=course_id)
    return get_object_or_404(TrainingMaterial, pk=material_id, module__course=course)


@members_only
@require_GET
@never_cache
def training_view(request):
    # Meta.ordering is not applied to aggregate queries: order explicitly.
    courses = (
        visible_courses(request.user)
        .annotate(
            module_count=Count("modules", distinct=True),
            material_count=Count("modules__materials", distinct=True),
        )
        .order_by(*Course._meta.ordering)
    )
    return TemplateResponse(request, "resources/training/list.html", {"courses": courses})


@members_only
@require_GET
@never_cache
def course_view(request, course_id):
    course = get_object_or_404(visible_courses(request.user), pk=course_id)
    modules = course.modules.prefetch_related("materials")
    return TemplateResponse(
        request, "resources/training/course.html", {"course": course, "modules": modules}
    )


@members_only
@require_GET
def material_download_view(request, course_id, material_id):
    material = get_material(request, course_id, material_id)
    record_download(request.user, material=material)
    return material.serve(request, material.title)


@members_only
@csp_exempt()  # as resources.views.library.preview_view: a PDF, image or video, never HTML
@require_GET
def material_preview_view(request, course_id, material_id):
    material = get_material(request, course_id, material_id)
    if not material.can_preview:
        raise Http404
    return material.serve(request, material.title, inline=True)
