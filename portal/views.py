import datetime
import logging
import secrets
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Min
from django.http import HttpResponse
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.access import public
from core.cache import make_private
from mail.models import OutgoingEmail

logger = logging.getLogger(__name__)


@public
@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (for the proxy and probes)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """The error page; while the database is away (restarting, unreachable), a 503 saying so.

    Django calls this for any unhandled exception, raised in a view or in a
    middleware, so a database outage anywhere in the request is answered the
    same way: nothing was saved, try again in a minute. Neither page reads
    the database, and neither may be kept by any cache.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
    else:
        response = defaults.server_error(request)
    return make_private(response)


# Readiness: may this process take traffic? Each check names what it needs, and a
# failure is answered with the check's name only: no error text, host or key.


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True


def _cache():
    """A round trip through the shared cache, under a key no other probe uses."""
    key = f"readiness:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def _storage():
    """The default storage answers (on a bucket, a request for an object that need not exist)."""
    default_storage.exists("readiness-probe")
    return True


def _mail_queue():
    """No queued email waits longer than MAIL_QUEUE_MAX_AGE (send_queued_emails is running)."""
    oldest = OutgoingEmail.objects.filter(sent_at__isnull=True).aggregate(oldest=Min("created_at"))
    if oldest["oldest"] is None:
        return True
    max_age = datetime.timedelta(seconds=settings.MAIL_QUEUE_MAX_AGE)
    return timezone.now() - oldest["oldest"] <= max_age


READINESS_CHECKS = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
    "mail_queue": _mail_queue,
}


@public
@never_cache
@require_safe
def readiness(request):
    """200 when every check passes, 503 naming each one that does not.

    Outside the page cache (under /healthz, see core.cache) so that a cache
    outage is reported here, not raised by the cache middleware.
    """
    lines, ready = [], True
    for name, check in READINESS_CHECKS.items():
        try:
            ok = check()
        except Exception:
            logger.warning("Readiness check %s failed", name, exc_info=True)
            ok = False
        ready = ready and ok
        lines.append(f"{name}: {'ok' if ok else 'failed'}\n")
    return HttpResponse(
        "".join(lines), status=200 if ready else 503, content_type="text/plain; charset=utf-8"
    )
