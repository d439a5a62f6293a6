"""Wagtail's redirects under the access rule.

A redirect to a members-only page, one an editor made or the one Wagtail makes
when a page's slug changes or it moves, would tell anyone who asks the old
address where the page now lives, and that it exists. To whoever may not see
the page, it stays the 404 it was.
"""

from urllib.parse import urlparse

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from core import access


class RedirectMiddleware:
    """Wagtail's ``RedirectMiddleware``, with the redirect looked up once and its
    target page asked about before anyone is sent there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path)
        path_without_query = urlparse(path).path
        if redirect is None and path_without_query != path:
            redirect = get_redirect(request, path_without_query)
        if redirect is None or redirect.link is None:
            return response
        hidden = redirect.redirect_page_id is not None
        if hidden and not access.may_see_page(request, redirect.redirect_page):
            return response
        if redirect.is_permanent:
            return HttpResponsePermanentRedirect(redirect.link)
        return HttpResponseRedirect(redirect.link)
