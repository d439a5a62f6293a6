import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import members_only
from core.cache import make_private
from resources import uploads
from resources.proposals import FileRows, ProposalForm, propose

logger = logging.getLogger("portal.files")

# Files a member may have waiting at once (held or on their way to the bucket).
MAX_HELD = 30


@members_only
@never_cache
def propose_view(request):
    """A member proposes a resource; staff approve it before anyone else sees it."""
    owner = uploads.Owner.of(request)
    store_failed = False
    if request.method == "POST":
        data = request.POST.copy()
        form = ProposalForm(data)
        file_rows = FileRows(data, request.FILES, prefix="files", form_kwargs={"owner": owner})
        if all([form.is_valid(), file_rows.is_valid()]):  # both, for every error at once
            try:
                resource = propose(request.user, form, file_rows)
            except uploads.STORAGE_ERRORS as error:
                # Answered here rather than by core.files.StorageUnavailableMiddleware's
                # page, so that the form comes back with what she typed.
                logger.error("The file storage failed during a proposal: %s", error, exc_info=error)
                store_failed = True
            else:
                messages.success(
                    request,
                    _("Thank you. Staff will review “%(title)s”; until then only you can see it.")
                    % {"title": resource.title},
                )
                url = reverse("resources:resource", kwargs={"resource_id": resource.pk})
                if "application/json" in request.headers.get("Accept", ""):
                    return JsonResponse({"location": url})  # the page's script goes there
                return redirect(url)
        _keep_chosen_files(owner, file_rows, data)
    else:
        form = ProposalForm()
        file_rows = FileRows(prefix="files", form_kwargs={"owner": owner})
    direct = uploads.bucket_origin()
    context = {
        "form": form,
        "file_rows": file_rows,
        "max_size": settings.MEMBER_FILE_MAX_SIZE,
        "store_failed": store_failed,
        "kept_files": any(row.held_upload for row in file_rows),
        "direct_upload_url": reverse("resources:propose_upload") if direct else "",
    }
    response = TemplateResponse(
        request, "resources/library/propose.html", context, status=503 if store_failed else 200
    )
    if direct:
        # The browser sends files to the bucket itself: its origin, and only with S3.
        response._csp_update = {"connect-src": [direct]}
    return response


def _keep_chosen_files(owner, file_rows, data):
    """Hold the files that passed their checks, so the refused form need not lose them."""
    for row in file_rows:
        upload = row.new_upload
        if upload is not None:
            try:
                row.held_upload = uploads.hold(owner, upload)
            except uploads.STORAGE_ERRORS:
                logger.warning("Could not hold a chosen file", exc_info=True)
        for dropped in row.dropped:
            if dropped != row.held_upload:
                dropped.delete()
        if row.held_upload is not None:
            data[row.add_prefix("held")] = uploads.token_for(row.held_upload)
            data[row.add_prefix("held_action")] = "keep"
        else:
            data.pop(row.add_prefix("held"), None)
            data.pop(row.add_prefix("held_action"), None)


@members_only
@never_cache
@require_POST
def direct_upload_view(request):
    """A presigned POST for sending one file straight to the bucket (S3 only)."""
    if uploads.s3_storage() is None:
        raise Http404
    owner = uploads.Owner.of(request)
    name = request.POST.get("name", "").strip()
    try:
        size = int(request.POST.get("size", ""))
    except ValueError:
        size = 0
    if not name or size <= 0:
        return _refuse(_("Choose a file."), 400)
    refusal = uploads.size_refusal(size)
    if refusal is not None:
        return _refuse(_message(refusal), 400)
    if owner.held().count() >= MAX_HELD:
        return _refuse(_("Too many files are waiting. Send the form first."), 429)
    try:
        url, fields, token = uploads.direct_upload(owner, name, size)
    except uploads.STORAGE_ERRORS as error:
        logger.error("The file storage failed to sign an upload: %s", error, exc_info=error)
        return _refuse(_("The file store is not reachable"), 503)
    return make_private(JsonResponse({"url": url, "fields": fields, "token": token}))


def _message(error: ValidationError):
    return " ".join(error.messages)


def _refuse(message, status):
    return make_private(JsonResponse({"error": message}, status=status))
