"""Protection against cross-site posts without giving anonymous readers a cookie.

Django's CSRF protection needs a secret in a cookie (or in the session,
``CSRF_USE_SESSIONS``), so every public form would leave a cookie on a
reader's phone, against what the page on hiding browsing traces promises.
Here a post from someone without a session is accepted when the browser
itself says it comes from this site: ``Sec-Fetch-Site: same-origin``, else an
``Origin`` of this site, else (old browsers) a ``Referer`` on this site. Every
browser of the last years sends one of them, and no other site can make a
reader's browser forge them. With a session (members and editors, once the
password is accepted) Django's token check applies as usual, with the secret
kept in the session. ``core.sessions`` keeps that secret from starting a
session of its own.
"""

from urllib.parse import urlsplit

from django.middleware import csrf

REASON_CROSS_SITE = "the browser says this post comes from another site"
REASON_UNKNOWN_SITE = "the browser did not say which site this post comes from"


class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            or request.method in ("GET", "HEAD", "OPTIONS", "TRACE")
            or request.session.session_key is not None
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        if getattr(request, "_dont_enforce_csrf_checks", False):
            return self._accept(request)
        reason = self._cross_site_reason(request)
        if reason:
            return self._reject(request, reason)
        return self._accept(request)

    def _cross_site_reason(self, request):
        """Why a post without a session is refused, or None when it comes from this site."""
        fetch_site = request.headers.get("Sec-Fetch-Site")
        if fetch_site is not None:
            return None if fetch_site == "same-origin" else REASON_CROSS_SITE
        if "HTTP_ORIGIN" in request.META:
            return None if self._origin_verified(request) else REASON_CROSS_SITE
        referer = request.headers.get("Referer")
        if referer:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(referer))
            request.META["HTTP_ORIGIN"] = origin
            try:
                return None if self._origin_verified(request) else REASON_CROSS_SITE
            finally:
                del request.META["HTTP_ORIGIN"]
        return REASON_UNKNOWN_SITE
