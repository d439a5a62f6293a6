import functools

from django.core.management.base import BaseCommand

from core.progress import command_progress
from mail.outbox import send_due_emails


class Command(BaseCommand):
    help = (
        "Send the queued emails whose time has come, retrying failed ones with a growing "
        "pause. In production, cron or a systemd timer runs this every minute."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        bar = functools.partial(command_progress, self, desc="emails", unit=" emails")
        sent = send_due_emails(progress=bar)
        self.stdout.write(f"{sent} email(s) sent.")
