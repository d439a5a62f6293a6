import base64
import functools
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.progress import AboveBars, command_progress
from demo.builder import DemoBuilder
from demo.events import build_event_demo, place_demo_member
from demo.members import build_member_demo
from demo.resources import build_resource_demo
from demo.synonyms import build_synonym_demo
from members.models import Membership, Organization, PledgeAcceptance, PledgeVersion

DEMO_PASSWORD = "portal-demo-password"  # noqa: S105 (the demo's published password)
# (username, staff, organization kind to join, role)
DEMO_ACCOUNTS = [
    ("admin", True, None, None),
    ("org-admin", False, "npo", Membership.Role.ADMIN),
    ("member", False, "npo", Membership.Role.MEMBER),
]


class Command(BaseCommand):
    help = "Build the demo site from the seeds' content, in every language. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--languages",
            help="Comma-separated language codes to translate into (default: all).",
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Do not create the demo accounts."
        )

    def handle(self, *args, languages=None, no_users=False, **options):
        self.verbosity = options["verbosity"]
        codes = languages.split(",") if languages else None
        progress = functools.partial(command_progress, self)
        # Pages are indexed for search as they are published.
        stdout = AboveBars(self.stdout)
        created = DemoBuilder(languages=codes, stdout=stdout, progress=progress).build()
        builders = [build_member_demo, build_event_demo, build_resource_demo, build_synonym_demo]
        for build in progress(
            builders, desc="members, events, library, search words", unit=" parts"
        ):
            build(stdout=stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo site ready ({created} pages created)."))
        if not no_users:
            self.ensure_accounts()

    def ensure_accounts(self):
        """Demo accounts with known passwords and TOTP secrets: for trying the demo only."""
        password = os.environ.get("DEMO_PASSWORD", DEMO_PASSWORD)
        user_model = get_user_model()
        pledge = PledgeVersion.current()
        self.stdout.write(
            "\nDemo accounts (demo only; log in at /members/login/, editors then use /admin/):"
        )
        for username, staff, kind, role in DEMO_ACCOUNTS:
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.jp",
                    "is_staff": staff,
                    "is_superuser": staff,
                    "first_name": username,
                },
            )
            if created:
                user.set_password(password)
                user.save()
            if kind and not hasattr(user, "membership"):
                organization = (
                    Organization.objects.filter(kind=kind, is_active=True).order_by("pk").first()
                )
                Membership.objects.create(user=user, organization=organization, role=role)
            if pledge:  # editors too: they see members-only pages in the admin
                PledgeAcceptance.objects.get_or_create(user=user, version=pledge)
            if username == "member":
                place_demo_member(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            secret = base64.b32encode(device.bin_key).decode()
            shown = password if created else "(unchanged)"
            self.stdout.write(f"  {username:<10} password {shown:<22} TOTP secret {secret}")
        self.stdout.write(
            "  Add the TOTP secret to an authenticator app, or print a current code with:\n"
            "  python manage.py demo_code USERNAME"
        )
