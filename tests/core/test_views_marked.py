"""Deny by default: a view is closed to all but verified staff unless it is marked open.

The views marked public are listed here by name: a new one must be added on
purpose, and each must check what it shows itself (core.access).
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from core import access
from tests.auth import log_in

PUBLIC = {
    "wagtail_serve",  # pages: core.wagtail_hooks asks the rule for each
    "wagtaildocs_serve",  # documents: the same, for their collection
    "wagtailimages_serve",  # images: resources.views.images
    "healthz",
    "readiness",  # /healthz/ready: names of checks only
    "sitemap",  # public pages only, whoever asks
    "search",  # public pages only
    "signup",
    "signup_done",
    "roster",
    "members:login",
    "members:verify",
    "members:logout",
    "members:accept_invitation",  # a one-time token
    "events:calendar_feed",  # a secret address, for calendar apps
    "members:password_reset",
    "members:password_reset_sent",
    "members:password_reset_confirm",
}
# Both factors, before the pledge: she reads the pledge in the language she keeps.
VERIFIED = {"members:pledge", "members:language"}


def patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback


def test_only_the_listed_views_are_open():
    levels = {}
    for name, view in patterns():
        levels.setdefault(access.access_level(view), set()).add(name)
    assert levels[access.PUBLIC] == PUBLIC
    assert levels[access.VERIFIED] == VERIFIED
    assert {"members:dashboard", "events:events", "resources:library"} <= levels[access.MEMBERS]
    # Everything else, the admin's hundreds of views included, is left at the default.
    assert len(levels[access.STAFF]) > 250


def test_an_unmarked_view_is_closed_to_everyone_but_verified_staff(
    member, staff, rf, django_user_model
):
    from django.http import HttpResponse

    from core.middleware import AccessMiddleware
    from members.access import viewer_for

    def new_view(request):  # a view someone added and forgot to mark
        return HttpResponse("secret")

    middleware = AccessMiddleware(lambda request: HttpResponse())
    for user, verified, allowed in (
        (member, True, False),
        (staff, False, False),
        (staff, True, True),
    ):
        request = rf.get("/anywhere/")
        user.is_verified = lambda verified=verified: verified
        request.user = user
        request.session = {}
        request.viewer = viewer_for(request)
        try:
            answer = middleware.process_view(request, new_view, (), {})
        except Exception:  # PermissionDenied
            answer = "refused"
        assert (answer is None) == allowed, (user, verified)


@pytest.mark.django_db
def test_members_cannot_open_any_admin_view(member):
    client = Client()
    log_in(client, member)
    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/reports/downloads/"):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_a_refusal_is_a_page_of_the_site_in_the_readers_language(member):
    client = Client()
    log_in(client, member)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    language = re.search(r'<html lang="([^"]+)"', page).group(1)
    with translation.override(language):
        assert translation.gettext("Not available to you") in page
    assert 'id="quick-exit"' in page
