from django.conf import settings
from django.middleware import locale
from django.utils import translation

# Paths outside i18n_patterns: a 404 there is a 404, not a hint to add a language prefix.
UNPREFIXED_PATHS = ("/admin/", "/members/", "/documents/", "/images/", "/healthz", "/sitemap.xml")


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, but it never redirects a missing admin or members URL to /ja/…"""

    def process_response(self, request, response):
        if request.path.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class AdminLanguageMiddleware:
    """The admin speaks Japanese unless an editor chooses otherwise in their account.

    The public site follows the URL and the browser; the editors of a
    Japanese network work in Japanese whatever their browser says. Wagtail
    still applies each editor's own language preference on top of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            translation.activate(settings.WAGTAILADMIN_DEFAULT_LANGUAGE)
            request.LANGUAGE_CODE = settings.WAGTAILADMIN_DEFAULT_LANGUAGE
        return self.get_response(request)
