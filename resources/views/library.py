"""The members' library: browse, read a resource, download or preview its files."""

from csp.decorators import csp_exempt
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.access import members_only
from resources.audience import visible_resources
from resources.browse import browse
from resources.downloads import record_download
from resources.models import ResourceFile
from resources.topics import topic_titles


def get_resource(request, resource_id):
    return get_object_or_404(visible_resources(request.user), pk=resource_id)


def get_file(request, resource_id, file_id):
    resource = get_resource(request, resource_id)
    found = get_object_or_404(
        ResourceFile.objects.select_related("version"), pk=file_id, version__resource=resource
    )
    found.version.resource = resource
    return found


def file_title(resource_file):
    resource = resource_file.version.resource
    return f"{resource.title} {resource_file.version.label} {resource_file.language}"


def language_order(resource_file):
    codes = [code for code, _name in settings.LANGUAGES]
    return codes.index(resource_file.language) if resource_file.language in codes else len(codes)


@members_only
@require_GET
@never_cache
def library_view(request):
    return TemplateResponse(
        request, "resources/library/list.html", browse(request.user, request.GET)
    )


@members_only
@require_GET
@never_cache
def resource_view(request, resource_id):
    resource = get_resource(request, resource_id)
    versions = list(resource.versions.prefetch_related("files"))
    for version in versions:
        version.sorted_files = sorted(version.files.all(), key=language_order)
    context = {
        "resource": resource,
        "current": versions[0] if versions else None,
        "older": versions[1:],
        "topic_title": topic_titles([resource.topic_id]).get(resource.topic_id, ""),
    }
    return TemplateResponse(request, "resources/library/detail.html", context)


@members_only
@require_GET
def download_view(request, resource_id, file_id):
    resource_file = get_file(request, resource_id, file_id)
    record_download(request.user, resource_file=resource_file)
    return resource_file.serve(request, file_title(resource_file))


# Chrome's PDF viewer is blocked by the site's "object-src 'none'" when the PDF itself
# carries it. A preview is never HTML (PDF, image or video, sent with nosniff), so the
# policy protects nothing here; X-Frame-Options still forbids framing it.
@members_only
@csp_exempt()
@require_GET
def preview_view(request, resource_id, file_id):
    resource_file = get_file(request, resource_id, file_id)
    if not resource_file.can_preview:
        raise Http404
    return resource_file.serve(request, file_title(resource_file), inline=True)
