from django.core.management.base import BaseCommand

from core import retention


class Command(BaseCommand):
    help = (
        "Delete what the site has kept long enough (queued mail, download rows, account "
        "audit rows, …) by the RETENTION_*_DAYS settings. Run daily; safe to run twice at once."
    )

    def handle(self, *args, **options):
        for name, count in retention.apply().items():
            self.stdout.write(f"{name}: {count} deleted")
