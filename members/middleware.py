"""The members area and the admin need both factors; members also the current pledge."""

import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from members.access import is_member, is_verified, needs_pledge
from members.views.account import SESSION_SEEN, SESSION_STARTED

OPEN_MEMBER_PATHS = ("login/", "verify/", "logout/", "invitation/", "password-reset/")
# Calendar apps cannot log in: the private feed authorises by its secret token
# alone (members.views.calendar). Only this exact shape of path is let through.
TOKEN_PATH = re.compile(r"/members/calendar/[^/]+\.ics")


def login_redirect(request):
    return redirect(
        f"{reverse('members:login')}?{urlencode({'next': request.get_full_path()}, safe='/')}"
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        is_admin = path.startswith("/admin/")
        is_members = (
            path.startswith("/members/")
            and not path.startswith(tuple("/members/" + p for p in OPEN_MEMBER_PATHS))
            and not TOKEN_PATH.fullmatch(path)
        )
        if (
            (is_admin or is_members)
            and request.user.is_authenticated
            and self.expired(request, idle=is_members)
        ):
            logout(request)
            messages.info(
                request,
                _("You were logged out after a period without activity. Please log in again."),
            )
            return login_redirect(request)
        if is_admin and not (is_verified(request.user) and request.user.is_staff):
            return login_redirect(request)
        if is_members:
            if not is_verified(request.user):
                return login_redirect(request)
            if not is_member(request.user):
                raise PermissionDenied
            if path != reverse("members:pledge") and needs_pledge(request.user):
                return redirect(
                    f"{reverse('members:pledge')}?{urlencode({'next': request.get_full_path()})}"
                )
        return self.get_response(request)

    @staticmethod
    def expired(request, idle):
        """Members time out when idle and after a fixed time; editors only after the fixed time."""
        now = int(time.time())
        started = request.session.get(SESSION_STARTED, 0)
        seen = request.session.get(SESSION_SEEN, 0)
        if now - started > settings.MEMBERS_ABSOLUTE_TIMEOUT:
            return True
        if idle and now - seen > settings.MEMBERS_IDLE_TIMEOUT:
            return True
        request.session[SESSION_SEEN] = now
        return False
