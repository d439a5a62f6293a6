"""Wagtail's redirects under the access rule.

A redirect to a members-only page, one an editor made or the one Wagtail makes
when a page's slug changes or it moves, would tell anyone who asks the old
address where the page now lives, and that it exists. To whoever may not see
the page, it stays the 404 it was.
"""

from urllib.parse import urlparse

from wagtail.contrib.redirects import middleware as wagtail_redirects
from wagtail.contrib.redirects.models import Redirect

from core import access


class RedirectMiddleware(wagtail_redirects.RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = wagtail_redirects.get_redirect(request, path) or wagtail_redirects.get_redirect(
            request, urlparse(path).path
        )
        hidden = redirect is not None and redirect.redirect_page_id is not None
        if hidden and not access.may_see_page(request, redirect.redirect_page):
            return response
        return super().process_response(request, response)
