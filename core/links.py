"""Absolute links, for what leaves the site: emails, calendars, printed QR codes."""

from django.conf import settings


def absolute_url(path):
    """``path`` on the site's canonical address (``WAGTAILADMIN_BASE_URL``), never the request's host.

    A link in an email must not point wherever a forged ``Host`` header said.
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
