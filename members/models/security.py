import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from core.models import SecretToken

from .organizations import Membership, Organization

BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def hash_secret(value, purpose):
    return salted_hmac(f"members.{purpose}", value.strip().lower().replace("-", "")).hexdigest()


class BackupCodeDevice(ThrottlingMixin, Device):
    """Single-use backup codes, stored only as keyed hashes."""

    COUNT = 10

    class Meta:
        verbose_name = _("backup codes")

    def get_throttle_factor(self):
        # Guesses are counted per account and address by members.security instead.
        return 0

    def generate(self):
        """Replace every code with new ones and return them: shown once, never stored."""
        self.codes.all().delete()
        codes = [
            "-".join(
                "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(4)) for _ in range(2)
            )
            for _ in range(self.COUNT)
        ]
        BackupCode.objects.bulk_create(
            BackupCode(device=self, code_hash=hash_secret(code, "backup")) for code in codes
        )
        return codes

    def verify_token(self, token):
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        wanted = hash_secret(str(token), "backup")
        for code in self.codes.all():
            if constant_time_compare(code.code_hash, wanted):
                code.delete()
                self.throttle_reset()
                return True
        self.throttle_increment()
        return False


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)

    def __str__(self):
        return f"backup code of {self.device}"


class Invitation(SecretToken):
    """A one-time link to set a password and enrol a second factor."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    # Set when the account's password was chosen through this link; otherwise (a reset
    # after a lost phone) the password is asked before a new device is enrolled.
    password_set_at = models.DateTimeField(_("password set"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.organization})"

    @classmethod
    def create(cls, *, days=7, **fields):
        """Make an invitation; returns it with ``token``, the only copy of the secret."""
        return cls.issue(expires_at=timezone.now() + datetime.timedelta(days=days), **fields)

    @classmethod
    def find_usable(cls, token):
        return (
            cls.matching(token).filter(used_at__isnull=True, expires_at__gt=timezone.now()).first()
        )
