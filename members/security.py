"""Second factor, throttling and sessions for members and staff."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from core import throttle
from core.throttle import client_address

from .models import BackupCodeDevice
from .signals import second_factor_reset

# Password-reset mails asked for per hour, for one account and from one address.
RESETS_PER_ACCOUNT = 3
RESETS_PER_ADDRESS = 20


def login_checks(request, username):
    """Failed logins per hour, for one account and from one address."""
    return (
        ("account", username.lower(), settings.MEMBERS_MAX_FAILURES_PER_HOUR),
        ("address", client_address(request), settings.MEMBERS_MAX_FAILURES_PER_ADDRESS),
    )


def is_throttled(request, username):
    """True once an account or an address has failed too often this hour."""
    return throttle.over_limit(*login_checks(request, username))


def record_failure(request, username):
    throttle.spend(*login_checks(request, username))


def reset_checks(request, email):
    return (
        ("reset-account", email.lower(), RESETS_PER_ACCOUNT),
        ("reset-address", client_address(request), RESETS_PER_ADDRESS),
    )


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
    second_factor_reset.send(sender=type(user), user=user)
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
