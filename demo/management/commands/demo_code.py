from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (for trying the demo without a phone)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no authenticator device.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = timezone.now().timestamp()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
