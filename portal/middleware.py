from django.conf import settings
from django.utils import translation


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
