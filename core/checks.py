"""Checks that the site's own protections are in place (``manage.py check``)."""

from django.conf import settings
from django.core import checks

REQUIRED_MIDDLEWARE = (
    # Cross-site posts are refused without a cookie for anonymous readers.
    "core.csrf.CsrfViewMiddleware",
    # Sessions start only at login.
    "core.sessions.SessionMiddleware",
    # Who is asking, then every view closed unless marked open.
    "members.middleware.ViewerMiddleware",
    "core.middleware.AccessMiddleware",
)


@checks.register(checks.Tags.security, deploy=False)
def protections_installed(app_configs, **kwargs):
    missing = [name for name in REQUIRED_MIDDLEWARE if name not in settings.MIDDLEWARE]
    errors = [checks.Error(f"{name} is not in MIDDLEWARE.", id="core.E001") for name in missing]
    order = [
        settings.MIDDLEWARE.index(name) for name in REQUIRED_MIDDLEWARE[2:] if name not in missing
    ]
    if order != sorted(order):
        errors.append(
            checks.Error("ViewerMiddleware must come before AccessMiddleware.", id="core.E002")
        )
    if not settings.CSRF_USE_SESSIONS:
        errors.append(
            checks.Error(
                "CSRF_USE_SESSIONS must be True: a CSRF cookie would reach anonymous readers.",
                id="core.E003",
            )
        )
    return errors
