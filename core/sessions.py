"""Sessions start only when someone logs in, never for a form's CSRF secret alone.

With ``CSRF_USE_SESSIONS`` a form rendered for an anonymous reader (the
sign-up form, the login page, Django's password reset views, which protect
themselves with Django's own ``csrf_protect``) would store its secret in a
new session and send a session cookie. Such a session is dropped: the reader
gets no cookie, and her post is checked by ``core.csrf`` instead.
"""

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.middleware.csrf import CSRF_SESSION_KEY


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.session_key is None
            and session.modified
            and set(session.keys()) <= {CSRF_SESSION_KEY}
        ):
            session.clear()  # empty: nothing is saved, and a stale session cookie is deleted
        return super().process_response(request, response)
