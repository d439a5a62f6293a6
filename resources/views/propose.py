from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.access import members_only
from resources.proposals import FileRows, ProposalForm, propose


@members_only
@never_cache
def propose_view(request):
    """A member proposes a resource; staff approve it before anyone else sees it."""
    if request.method == "POST":
        form = ProposalForm(request.POST)
        file_rows = FileRows(request.POST, request.FILES, prefix="files")
        if form.is_valid() and file_rows.is_valid():
            resource = propose(request.user, form, file_rows)
            messages.success(
                request,
                _("Thank you. Staff will review “%(title)s”; until then only you can see it.")
                % {"title": resource.title},
            )
            return redirect("resources:resource", resource_id=resource.pk)
    else:
        form = ProposalForm()
        file_rows = FileRows(prefix="files")
    context = {
        "form": form,
        "file_rows": file_rows,
        "max_size": settings.MEMBER_FILE_MAX_SIZE,
    }
    return TemplateResponse(request, "resources/library/propose.html", context)
