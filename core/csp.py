"""The Content-Security-Policy: nothing may be loaded from another host, the admin included.

The public site allows this origin only (settings.CONTENT_SECURITY_POLICY).
Wagtail's admin writes inline scripts and styles (its date pickers, inline
panels, the translation editor), so its policy allows those, but still no
other host: no avatars from gravatar.com, no fonts, no update check.
"""

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(reverse("wagtailadmin_home")):
            # Wagtail draws a preview through every middleware with a request of its own, for
            # the object's public address: that policy ("frame-ancestors 'none'") would keep
            # the preview out of the admin's own frame. In the admin, the admin's policy.
            response.headers.pop(HEADER, None)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
