"""The Content-Security-Policy: nothing may be loaded from another host, the admin included.

The public site allows this origin only (settings.CONTENT_SECURITY_POLICY).
Wagtail's admin writes inline scripts and styles (its date pickers, inline
panels, the translation editor), so its policy allows those, but still no
other host: no avatars from gravatar.com, no fonts, no update check.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
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
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
