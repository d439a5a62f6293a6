"""Error reports to Sentry, when an operator sets SENTRY_DSN: the error, never the reader.

What a reader typed (forms, searches), her cookies, her address, her browser
and any email address stay here. A report keeps the exception, its stack
(without local variables), the request's method and URL pattern, and a few
harmless headers. Secret tokens travel in paths (invitations, calendar feeds,
password resets), so the request's URL is dropped too: the Django integration
names the event after the URL pattern instead.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

SAFE_HEADERS = frozenset(
    {"accept", "accept-language", "content-length", "content-type", "host", "x-forwarded-proto"}
)
SAFE_REQUEST_KEYS = ("method",)
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
BREADCRUMB_KEYS = ("type", "category", "level", "timestamp", "message")


def scrub_emails(value):
    """``value`` with every email address in every string replaced, however deeply nested."""
    if isinstance(value, str):
        return EMAIL.sub("[email]", value)
    if isinstance(value, dict):
        return {key: scrub_emails(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_emails(item) for item in value]
    return value


def _frames(event):
    for group in ("exception", "threads"):
        for value in (event.get(group) or {}).get("values") or []:
            yield from (value.get("stacktrace") or {}).get("frames") or []


def before_send(event, hint):
    """Keep what explains the error; drop what could tell who was reading or what she typed."""
    request = event.get("request")
    if request is not None:
        headers = request.get("headers") or {}
        event["request"] = {key: request[key] for key in SAFE_REQUEST_KEYS if key in request}
        event["request"]["headers"] = {
            name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS
        }
    user = event.get("user")
    if user is not None:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for frame in _frames(event):
        frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs")
    if breadcrumbs:
        values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs
        event["breadcrumbs"] = {
            "values": [{key: b[key] for key in BREADCRUMB_KEYS if key in b} for b in values]
        }
    return scrub_emails(event)


def init(dsn, **options):
    """Start reporting to ``dsn`` (``options``: for tests, e.g. a transport that keeps events)."""
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        **options,
    )
