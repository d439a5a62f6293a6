from django.core.management.base import BaseCommand

from mail.outbox import send_due_emails


class Command(BaseCommand):
    help = (
        "Send the queued emails whose time has come, retrying failed ones with a growing "
        "pause. In production, cron or a systemd timer runs this every minute."
    )

    def handle(self, *args, **options):
        sent = send_due_emails()
        self.stdout.write(f"{sent} email(s) sent.")
