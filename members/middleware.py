"""Who is asking, for the access rule: sessions past their timeouts end first.

Then the members' pages speak the language kept on the account.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.urls import reverse
from django.utils import translation

from mail.outbox import preferred_language
from members.access import viewer_for

SESSION_STARTED = "members.started"
SESSION_SEEN = "members.seen"
# The account's language, read once a session ("" until she chooses one).
SESSION_LANGUAGE = "members.language"
MEMBERS_PATH = "/members/"
# Before logging in, the language picked in the page's menu travels in the address:
# nobody who is not logged in gets a cookie, and the browser's language is the default.
ASKED_LANGUAGE = "lang"
# Activity is written to the session at most this often.
SEEN_EVERY = 60


def start_session(request):
    """Both factors passed: the clocks of the idle and absolute timeouts start now."""
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now


def member_language(request):
    """The language kept on the logged-in person's account, or "" if none was chosen."""
    if SESSION_LANGUAGE not in request.session:
        request.session[SESSION_LANGUAGE] = preferred_language(request.user, default="")
    return request.session[SESSION_LANGUAGE]


def remember_language(request, code):
    request.session[SESSION_LANGUAGE] = code


def activate_member_language(request):
    """Under /members/, a member's own language rather than her browser's.

    Public pages keep their URL's language; someone not logged in keeps the
    browser's, and nothing is stored for them.
    """
    if not request.path.startswith(MEMBERS_PATH) or not request.user.is_authenticated:
        return
    code = member_language(request)
    if code in dict(settings.LANGUAGES):
        translation.activate(code)
        request.LANGUAGE_CODE = code


def asked_language(request):
    """The language asked for in the address (``?lang=vi``), or "" if none of the site's."""
    code = request.GET.get(ASKED_LANGUAGE, "")
    return code if code in dict(settings.LANGUAGES) else ""


def activate_asked_language(request):
    """Under /members/, before logging in: the language picked in the page's menu."""
    code = asked_language(request)
    if code and request.path.startswith(MEMBERS_PATH):
        translation.activate(code)
        request.LANGUAGE_CODE = code


def session_expired(request, now=None):
    """Past the absolute timeout, idle too long, or never started by a real login."""
    now = now or int(time.time())
    started = request.session.get(SESSION_STARTED, 0)
    seen = request.session.get(SESSION_SEEN, 0)
    return (
        now - started > settings.MEMBERS_ABSOLUTE_TIMEOUT
        or now - seen > settings.MEMBERS_IDLE_TIMEOUT
    )


class ViewerMiddleware:
    """Sets ``request.viewer`` (core.access) after ending an expired session,
    and under /members/ activates the language kept on the account.

    Every request of a logged-in person is checked, wherever it goes: a
    members-only page, a private document or image outside /members/ needs
    a live session as much as the members area does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if session_expired(request, now):
                logout(request)
                request.session_expired = True
            elif now - request.session.get(SESSION_SEEN, 0) >= SEEN_EVERY:
                request.session[SESSION_SEEN] = now
            activate_member_language(request)
        if not request.user.is_authenticated:
            activate_asked_language(request)
        request.viewer = viewer_for(request)
        response = self.get_response(request)
        if request.method == "POST" and request.path == reverse("wagtailadmin_account"):
            # Her language may have changed in Wagtail's account settings: read it again.
            request.session.pop(SESSION_LANGUAGE, None)
        return response
