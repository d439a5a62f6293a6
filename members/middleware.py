"""Who is asking, for the access rule: sessions past their timeouts end first."""

import time

from django.conf import settings
from django.contrib.auth import logout

from members.access import viewer_for

SESSION_STARTED = "members.started"
SESSION_SEEN = "members.seen"
# Activity is written to the session at most this often.
SEEN_EVERY = 60


def start_session(request):
    """Both factors passed: the clocks of the idle and absolute timeouts start now."""
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now


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
    """Sets ``request.viewer`` (core.access) after ending an expired session.

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
        request.viewer = viewer_for(request)
        return self.get_response(request)
