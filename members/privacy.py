"""Wagtail's privacy checks only that someone is logged in; members also need both factors.

Logging in here always takes both factors, so "logged in" already means
"verified"; these hooks check it again where Wagtail serves restricted
pages and documents, and refuse members of deactivated organizations.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.models import PageViewRestriction

from members.access import is_member


def _refuse(request):
    return redirect(f"{reverse('members:login')}?{urlencode({'next': request.get_full_path()})}")


@hooks.register("before_serve_page")
def members_only_pages(page, request, serve_args, serve_kwargs):
    if not request.user.is_authenticated:
        return None  # Wagtail's own check sends anonymous visitors of a restricted page to log in
    restrictions = page.get_view_restrictions()
    needs_login = any(
        r.restriction_type in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)
        for r in restrictions
    )
    if needs_login and not is_member(request.user):
        return _refuse(request)
    return None


@hooks.register("before_serve_document")
def members_only_documents(document, request):
    restrictions = document.collection.get_view_restrictions()
    if any(r.restriction_type != r.PASSWORD for r in restrictions) and not is_member(request.user):
        return _refuse(request)
    return None
