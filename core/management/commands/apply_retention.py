import functools

from django.core.management.base import BaseCommand

from core import retention
from core.progress import command_progress


class Command(BaseCommand):
    help = (
        "Delete what the site has kept long enough (queued mail, download rows, account "
        "audit rows, …) by the RETENTION_*_DAYS settings. Run daily; safe to run twice at once."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        bar = functools.partial(command_progress, self, desc="retention rules", unit=" rules")
        for name, count in retention.apply(progress=bar).items():
            self.stdout.write(f"{name}: {count} deleted")
