"""Hourly limits on what one account or one address may try: logins, sign-ups, resets.

A check is ``(kind, value, limit)``: ``over_limit`` asks whether any has been
reached this hour, ``spend`` counts one against each. Counters live in the
shared cache under a keyed hash (never the value itself: no address or email
is stored) and expire an hour after they start, so a flood of attempts slows
an account down but never locks its owner out for good.

The shared cache is ``THROTTLE_CACHE`` (production: Redis, through Django's own
backend, which fails loudly). When it does not answer, the limits still hold:
attempts are counted in this process's memory instead, and the log says so
(the error names no account or address). Each app process then counts on its
own, so an attacker spread over the processes gets at most their number
times the limit, for as long as Redis is away, instead of no limit at all.
Nothing is added to the database for this: a lasting outage is for the
operator to fix (``/healthz/ready`` answers 503 ``cache failed``).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError

WINDOW = 3600

logger = logging.getLogger("portal.throttle")
# This process's counters, used only while the shared cache does not answer.
local = LocMemCache("throttle-fallback", {"TIMEOUT": WINDOW, "OPTIONS": {"MAX_ENTRIES": 100_000}})


def _shared():
    return caches[settings.THROTTLE_CACHE]


# The shared cache is away (Redis's errors, a connection's), not a bug.
UNAVAILABLE = (RedisError, OSError)


_last_logged = None  # monotonic time of the last log line about the fallback
LOG_EVERY = 60


def _log_fallback(error):
    """One line a minute per process while the shared cache is away, not one per attempt."""
    global _last_logged
    now = time.monotonic()
    if _last_logged is not None and now - _last_logged < LOG_EVERY:
        return
    _last_logged = now
    logger.error(
        "The shared cache does not answer (%s): login and sign-up limits are counted "
        "in this process only until it does",
        error.__class__.__name__,
    )


def client_address(request):
    """The reader's address; behind ``TRUSTED_PROXY_COUNT`` proxies, the one they saw."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(kind, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"throttle.{kind}.{digest}"


def counted(kind, value):
    """Attempts this hour: in the shared cache, plus any counted here while it was away."""
    key = _key(kind, value)
    try:
        shared = _shared().get(key, 0)
    except UNAVAILABLE as error:
        _log_fallback(error)
        shared = 0
    return shared + local.get(key, 0)


def over_limit(*checks):
    """True once any ``(kind, value, limit)`` has been counted ``limit`` times this hour."""
    return any(counted(kind, value) >= limit for kind, value, limit in checks)


def spend(*checks):
    """Count one attempt against each ``(kind, value, limit)``."""
    for kind, value, _limit in checks:
        key = _key(kind, value)
        try:
            _count(_shared(), key)
        except UNAVAILABLE as error:
            _log_fallback(error)
            _count(local, key)


def _count(cache, key):
    if cache.add(key, 1, WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, WINDOW)
