"""Deny by default: every view is closed unless it is marked open (core.access)."""

import copy

from django.core.exceptions import DisallowedHost, PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from wagtail.models import Site

from core import access
from core.memo import remembered


class RefuseNullCharactersMiddleware:
    """A path with a NUL character is not an address of this site: 404.

    PostgreSQL refuses NUL in text, so a view that looks such a value up
    would fail with a server error (SQLite quietly finds nothing).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)


class AccessMiddleware:
    """Enforces each view's mark before the view runs.

    Placed after the middleware that sets ``request.viewer``. A view nobody
    marked, one of ours or one a package mounts, is for verified staff only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        level = access.access_level(view_func)
        if level == access.PUBLIC:
            return None
        viewer = access.viewer_of(request)
        if not viewer.verified:
            params = {"expired": "1"} if getattr(request, "session_expired", False) else {}
            return access.login_redirect(request, **params)
        if level == access.STAFF and not viewer.may_use_admin:
            raise PermissionDenied
        if not viewer.is_member:
            raise PermissionDenied
        # Editors see members-only pages and files in the admin: the pledge binds them too.
        if level in (access.MEMBERS, access.STAFF) and not viewer.has_pledged:
            return access.pledge_redirect(request)
        return None


# Answered without a site: the health checks (which must answer when the database
# does not) and static files.
NO_SITE_PREFIXES = ("/healthz", "/static/")


class SiteMiddleware:
    """Wagtail's site for the request's host and its root page, kept between requests
    until content changes (core.memo): Wagtail reads them in two queries a request.

    Each request gets its own copies, for Wagtail and the page to mark as they serve it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(NO_SITE_PREFIXES):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # refused by CommonMiddleware
        try:
            kept = remembered(request, ("site", host, request.get_port()), lambda: _site(request))
        except DatabaseError:
            # The view answers as it would have: the health check says so, a page fails.
            return self.get_response(request)
        if kept is not None:
            site, root = kept
            request._wagtail_site = copy.copy(site)
            request._wagtail_site.root_page = copy.copy(root)
        return self.get_response(request)


def _site(request):
    site = Site._find_for_request(request)
    return None if site is None else (site, site.root_page.specific)
