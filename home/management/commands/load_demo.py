import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from home.demo.builder import DemoBuilder

DEMO_ADMIN = "admin"


class Command(BaseCommand):
    help = "Build the demo site from the seeds' content, in every language. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--languages",
            help="Comma-separated language codes to translate into (default: all).",
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Do not create the demo admin account."
        )

    def handle(self, *args, languages=None, no_users=False, **options):
        codes = languages.split(",") if languages else None
        # Pages are indexed for search as they are published.
        created = DemoBuilder(languages=codes, stdout=self.stdout).build()
        self.stdout.write(self.style.SUCCESS(f"Demo site ready ({created} pages created)."))
        if not no_users:
            self.ensure_admin()

    def ensure_admin(self):
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "portal-demo-admin")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN,
            defaults={"email": "admin@example.jp", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(f"Admin login: /admin/  user {DEMO_ADMIN}  password {password}")
        else:
            self.stdout.write(f"Admin login: /admin/  user {DEMO_ADMIN} (password unchanged)")
