"""Hourly limits on what one account or one address may try: logins, sign-ups, resets.

A check is ``(kind, value, limit)``: ``over_limit`` asks whether any has been
reached this hour, ``spend`` counts one against each. Counters live in the
shared cache under a keyed hash (never the value itself: no address or email
is stored) and expire an hour after they start, so a flood of attempts slows
an account down but never locks its owner out for good.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


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
    return cache.get(_key(kind, value), 0)


def over_limit(*checks):
    """True once any ``(kind, value, limit)`` has been counted ``limit`` times this hour."""
    return any(counted(kind, value) >= limit for kind, value, limit in checks)


def spend(*checks):
    """Count one attempt against each ``(kind, value, limit)``."""
    for kind, value, _limit in checks:
        key = _key(kind, value)
        if cache.add(key, 1, WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, WINDOW)
