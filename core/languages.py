"""The reader's language as a Wagtail Locale."""

from django.utils.translation import get_language
from wagtail.models import Locale


def active_locale(request):
    """The Locale of the request's language, looked up once per request."""
    code = get_language()
    cached = getattr(request, "_active_locale", None)
    if cached is None or cached.language_code != code:
        cached = Locale.objects.get_for_language(code)
        if request is not None:
            request._active_locale = cached
    return cached
