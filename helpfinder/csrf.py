"""Let a Wagtail page opt out of CSRF checks the way a Django view does.

Django's CsrfViewMiddleware looks for ``csrf_exempt`` on the view it is about
to call, which for every Wagtail page is ``wagtail.views.serve``: a page's own
``@csrf_exempt`` serve method is never seen. Placed just before
CsrfViewMiddleware, this routes the request (Wagtail keeps the route on the
request, so serving does not route again) and honours the page's mark.
It can go when Wagtail looks at the page's serve method itself.
"""

from wagtail import views as wagtail_views
from wagtail.models import Page

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class PageCsrfExemptMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        serve = getattr(view_func, "__wrapped__", view_func)  # portal.urls marks it public
        if request.method in SAFE_METHODS or serve is not wagtail_views.serve:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        route = Page.route_for_request(request, path)
        if route is not None and getattr(route[0].serve, "csrf_exempt", False):
            request.csrf_processing_done = True
        return None
