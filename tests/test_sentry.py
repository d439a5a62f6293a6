"""Error reports (SENTRY_DSN): off unless set, and they carry the error, never the reader."""

import json
import secrets
import subprocess
import sys

from portal.sentry import before_send
from tests.test_settings import ROOT, shell

DSN = "http://public-key@127.0.0.1:1/1"  # nothing listens there: nothing can leave


def reader_event():
    """An event as the SDK could build it for a failing sign-up post, before scrubbing."""
    return {
        "message": "Sign-up failed for hanako@example.jp",
        "logentry": {"message": "Sign-up failed for %s", "params": ["hanako@example.jp"]},
        "transaction": "/<lang>/join/apply/",
        "request": {
            "method": "POST",
            "url": "https://portal.example.jp/members/invitation/TOKEN-abc123/",
            "query_string": "q=shelter+near+me",
            "data": {"email": "hanako@example.jp", "message": "he found my address"},
            "cookies": {"sessionid": "session-secret"},
            "env": {"REMOTE_ADDR": "203.0.113.9", "SERVER_NAME": "portal"},
            "headers": {
                "Host": "portal.example.jp",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept-Language": "ja",
                "Cookie": "sessionid=session-secret",
                "Authorization": "Basic c2VjcmV0",
                "User-Agent": "Mozilla/5.0 (iPhone)",
                "Referer": "https://portal.example.jp/ja/search/?q=shelter",
                "X-Forwarded-For": "203.0.113.9",
            },
        },
        "user": {"id": "42", "email": "hanako@example.jp", "ip_address": "203.0.113.9"},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "Key (email)=(hanako@example.jp) already exists.",
                    "stacktrace": {
                        "frames": [
                            {"function": "post", "vars": {"password": "correct horse"}},
                        ]
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "httplib",
                    "message": "sent to hanako@example.jp",
                    "data": {"url": "https://bucket/x?X-Amz-Signature=sig", "http.query": "q=1"},
                }
            ]
        },
    }


def test_before_send_keeps_the_error_and_drops_the_reader():
    event = before_send(reader_event(), {})
    sent = json.dumps(event)
    for secret in (
        "hanako@example.jp",
        "he found my address",
        "shelter",
        "session-secret",
        "c2VjcmV0",
        "203.0.113.9",
        "iPhone",
        "TOKEN-abc123",
        "correct horse",
        "X-Amz-Signature",
    ):
        assert secret not in sent, secret
    assert event["request"] == {
        "method": "POST",
        "headers": {
            "Host": "portal.example.jp",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept-Language": "ja",
        },
    }
    assert event["user"] == {"id": "42"}
    assert event["transaction"] == "/<lang>/join/apply/"
    exception = event["exception"]["values"][0]
    assert exception["type"] == "IntegrityError"
    assert exception["value"] == "Key (email)=([email]) already exists."
    assert exception["stacktrace"]["frames"] == [{"function": "post"}]
    assert event["breadcrumbs"]["values"] == [{"category": "httplib", "message": "sent to [email]"}]
    assert event["logentry"]["params"] == ["[email]"]


def test_before_send_leaves_an_event_without_a_request_alone():
    event = {"message": "disk full", "level": "error"}
    assert before_send(event, {}) == {"message": "disk full", "level": "error"}


PRINT_CLIENT = (
    "import sentry_sdk; c = sentry_sdk.get_client(); "
    "print(c.is_active(), c.options['send_default_pii'], "
    "getattr(c.options['before_send'], '__module__', None))"
)


def test_production_reports_nothing_without_a_dsn():
    for dsn in (None, ""):
        output = shell(
            PRINT_CLIENT,
            SECRET_KEY=secrets.token_urlsafe(60),
            SENTRY_DSN=dsn,
        )
        assert output.split()[0] == "False"


def test_production_reports_to_the_dsn_without_personal_data():
    output = shell(
        PRINT_CLIENT,
        SECRET_KEY=secrets.token_urlsafe(60),
        SENTRY_DSN=DSN,
    )
    assert output.split() == ["True", "False", "portal.sentry"]


# A real error in a real request, reported through the SDK to a transport that keeps the events.
REPORT_AN_ERROR = f"""
import json, os
from unittest import mock
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
import django
django.setup()
from django.conf import settings
settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # no tables in this process
import io
from django.core.wsgi import get_wsgi_application
from sentry_sdk.transport import Transport
from portal import sentry

events = []

class Keep(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.type == "event")

sentry.init({DSN!r}, transport=Keep)
application = get_wsgi_application()  # as gunicorn calls it
body = b"email=hanako%40example.jp&message=he+found+my+address"
environ = {{
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/healthz",
    "QUERY_STRING": "q=shelter+near+me",
    "SERVER_NAME": "testserver",
    "SERVER_PORT": "80",
    "REMOTE_ADDR": "203.0.113.9",
    "HTTP_HOST": "testserver",
    "HTTP_COOKIE": "sessionid=session-secret",
    "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone)",
    "HTTP_X_FORWARDED_FOR": "203.0.113.9",
    "CONTENT_TYPE": "application/x-www-form-urlencoded",
    "CONTENT_LENGTH": str(len(body)),
    "wsgi.input": io.BytesIO(body),
    "wsgi.url_scheme": "http",
    "wsgi.errors": io.StringIO(),
}}
statuses = []
with mock.patch(
    "portal.views.HttpResponse", side_effect=RuntimeError("no answer for hanako@example.jp")
):
    b"".join(application(environ, lambda status, headers, *_: statuses.append(status)))
import sentry_sdk
sentry_sdk.flush()
print(json.dumps({{"status": statuses[0], "events": events}}))
"""


def test_a_reported_error_carries_nothing_of_the_reader():
    environment = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", REPORT_AN_ERROR],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"].startswith("500")
    [event] = report["events"]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["exception"]["values"][-1]["value"] == "no answer for [email]"
    assert event["request"]["method"] == "GET"
    assert set(event["request"]) == {"method", "headers"}
    sent = json.dumps(event)
    for secret in (
        "hanako",
        "he found my address",
        "shelter",
        "session-secret",
        "203.0.113.9",
        "iPhone",
    ):
        assert secret not in sent, secret
