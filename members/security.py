"""Second factor, throttling and sessions for members and staff."""

import hashlib

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .models import BackupCodeDevice, CalendarFeed

FAILURE_WINDOW = 3600
# Password-reset mails asked for per hour, for one account and from one address.
RESETS_PER_ACCOUNT = 3
RESETS_PER_ADDRESS = 20


def _key(kind, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"members.count.{kind}.{digest}"


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


def is_throttled(request, username):
    """True once an account or an address has failed too often this hour.

    The counters expire an hour after the first failure, so a flood of
    guesses slows an account down but never locks its owner out for good.
    """
    return (
        counted("account", username.lower()) >= settings.MEMBERS_MAX_FAILURES_PER_HOUR
        or counted("address", client_address(request)) >= settings.MEMBERS_MAX_FAILURES_PER_ADDRESS
    )


def count(kind, value, window=FAILURE_WINDOW):
    """Add one to an hourly counter kept under a keyed hash (never the value itself)."""
    key = _key(kind, value)
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, window)


def counted(kind, value):
    return cache.get(_key(kind, value), 0)


def record_failure(request, username):
    count("account", username.lower())
    count("address", client_address(request))


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def logout_everywhere(user, keep=None):
    """End every session of a user (but ``keep``, a session key), e.g. after a factor changes."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def reset_second_factor(user, by):
    """Staff reset for a lost device: whoever has the phone must lose every way in.

    Removes every factor (authenticator and backup codes), the private calendar
    feed's address, and every session; audits it.
    """
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    CalendarFeed.objects.filter(user=user).delete()
    logout_everywhere(user)
    log(instance=user, action="members.reset_second_factor", user=by)


def new_backup_codes(user):
    device, _ = BackupCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "backup", "confirmed": True}
    )
    return device.generate()


def remaining_backup_codes(user):
    device = BackupCodeDevice.objects.filter(user=user).first()
    return device.codes.count() if device else 0
