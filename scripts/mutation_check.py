"""Remove each rule of the access rule in turn and check that a test fails.

    python scripts/mutation_check.py            # every mutation, two at a time
    python scripts/mutation_check.py pledge     # the mutations whose name contains "pledge"

Each mutation replaces one line of the code (the rule) by a version without
it, in a copy of the repository, and runs the tests that guard that rule.
A mutation that no test notices "survives": the script lists it and exits
with 1, which fails ``make test``. A mutation whose text is no longer in the
code also fails: the list must follow the code.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("core", "mail", "search", "members", "events", "home", "resources", "helpfinder", "demo", "portal",
          "tests", "manage.py", "pyproject.toml")  # fmt: skip


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    rule: str  # the code of the rule, exactly as written
    without: str  # the same code without the rule
    tests: tuple


MUTATIONS = [
    Mutation(
        "second factor",
        "members/access.py",
        "return bool(user.is_authenticated and user.is_active and user.is_verified())",
        "return bool(user.is_authenticated and user.is_active)",
        (
            "tests/core/test_sessions_everywhere.py::test_a_password_alone_sees_none_of_them",
            "tests/members/test_login.py::test_admin_needs_both_factors",
        ),
    ),
    Mutation(
        "membership",
        "members/access.py",
        "return self.user.is_active and (self.user.is_staff or self.membership is not None)",
        "return self.user.is_active",
        (
            "tests/core/test_sessions_everywhere.py::"
            "test_someone_no_longer_in_an_organization_sees_none_of_them",
        ),
    ),
    Mutation(
        "active organization",
        "members/models/organizations.py",
        "return membership if membership.organization.is_active else None",
        "return membership",
        (
            "tests/core/test_sessions_everywhere.py::"
            "test_a_closed_organization_or_a_deactivated_user_sees_none_of_them",
        ),
    ),
    Mutation(
        "active user, for a secret address",
        "members/access.py",
        "if not user.is_active or needs_pledge(user):",
        "if needs_pledge(user):",
        (
            "tests/members/test_ical.py::"
            "test_the_feed_stops_for_inactive_users_closed_organizations_and_a_new_pledge",
        ),
    ),
    Mutation(
        "idle timeout",
        "members/middleware.py",
        "or now - seen > settings.MEMBERS_IDLE_TIMEOUT",
        "or False",
        (
            "tests/core/test_sessions_everywhere.py::test_after_a_timeout_nothing_protected_is_served",
        ),
    ),
    Mutation(
        "absolute timeout",
        "members/middleware.py",
        "now - started > settings.MEMBERS_ABSOLUTE_TIMEOUT",
        "False",
        (
            "tests/core/test_sessions_everywhere.py::test_after_a_timeout_nothing_protected_is_served",
        ),
    ),
    Mutation(
        "pledge",
        "core/access.py",
        "return bool(self.verified and self.is_member and self.has_pledged)",
        "return bool(self.verified and self.is_member)",
        (
            "tests/core/test_sessions_everywhere.py::"
            "test_before_the_new_pledge_none_of_them_is_served_and_none_is_told_apart",
        ),
    ),
    Mutation(
        "group",
        "core/access.py",
        "viewer.user.is_superuser or bool(viewer.group_ids & group_ids)",
        "True",
        (
            "tests/core/test_privacy_everywhere.py::"
            "test_members_search_keeps_a_groups_page_from_other_members_in_every_language",
        ),
    ),
    Mutation(
        "alias and translation inheritance",
        "core/access.py",
        "return {pk: tuple(sorted(paths[root(pk)])) for pk in restricted}",
        "return {pk: (restricted[pk][0],) for pk in restricted}",
        (
            "tests/core/test_privacy_everywhere.py::"
            "test_no_reader_finds_a_members_only_page_in_any_language",
        ),
    ),
    Mutation(
        "shared password refuses everyone",
        "core/access.py",
        "return False  # a shared password, or any kind Wagtail may add: nobody",
        "return True",
        (
            "tests/core/test_privacy_everywhere.py::"
            "test_a_password_restriction_made_elsewhere_refuses_everyone",
        ),
    ),
    Mutation(
        "deny by default",
        "core/access.py",
        'return getattr(view, "access", STAFF)',
        'return getattr(view, "access", PUBLIC)',
        ("tests/core/test_views_marked.py",),
    ),
    Mutation(
        "admin is for staff",
        "core/middleware.py",
        "if level == access.STAFF and not viewer.may_use_admin:",
        "if level == access.STAFF and not viewer.verified:",
        ("tests/resources/test_report.py::test_members_cannot_see_the_report",),
    ),
    Mutation(
        "restricted documents",
        "core/wagtail_hooks.py",
        "if not access.may_see_collection(request, document.collection):",
        "if False:",
        (
            "tests/resources/test_images.py::"
            "test_a_restricted_document_is_refused_to_anonymous_and_password_only_visitors",
        ),
    ),
    Mutation(
        "restricted images",
        "resources/views/images.py",
        "if restricted and not access.may_see_collection(request, image.collection):",
        "if False:",
        ("tests/resources/test_images.py::test_a_restricted_image_is_for_verified_members_only",),
    ),
    Mutation(
        "per-account limit",
        "members/security.py",
        '("account", username.lower(), settings.MEMBERS_MAX_FAILURES_PER_HOUR),',
        "",
        (
            "tests/members/test_throttle.py::"
            "test_one_account_guessed_from_many_addresses_is_stopped",
        ),
    ),
    Mutation(
        "per-address limit",
        "members/security.py",
        '("address", client_address(request), settings.MEMBERS_MAX_FAILURES_PER_ADDRESS),',
        "",
        ("tests/members/test_throttle.py::test_one_address_guessing_many_accounts_is_stopped",),
    ),
    Mutation(
        "trusted-proxy parsing",
        "core/throttle.py",
        "return forwarded[-proxies]",
        "return forwarded[0]",
        (
            "tests/members/test_throttle.py::"
            "test_behind_the_production_proxy_a_forged_header_changes_nothing",
        ),
    ),
    Mutation(
        "cross-site posts",
        "core/csrf.py",
        'return None if fetch_site == "same-origin" else REASON_CROSS_SITE',
        "return None",
        ("tests/core/test_csrf.py::test_a_post_from_another_site_is_refused_and_stores_nothing",),
    ),
    Mutation(
        "no session for a CSRF secret",
        "core/sessions.py",
        "session.clear()  # empty: nothing is saved, and a stale session cookie is deleted",
        "pass",
        ("tests/core/test_no_cookies.py::test_a_failed_login_and_a_password_reset_set_no_cookie",),
    ),
    Mutation(
        "editors accept the pledge too",
        "core/middleware.py",
        "if level in (access.MEMBERS, access.STAFF) and not viewer.has_pledged:",
        "if level == access.MEMBERS and not viewer.has_pledged:",
        (
            "tests/core/test_sessions_everywhere.py::"
            "test_editors_accept_the_new_pledge_before_the_admin",
        ),
    ),
    Mutation(
        "redirects to members-only pages",
        "core/redirects.py",
        "if hidden and not access.may_see_page(request, redirect.redirect_page):",
        "if False:",
        (
            "tests/core/test_privacy_everywhere.py::"
            "test_an_old_address_does_not_lead_outsiders_to_a_members_only_page",
        ),
    ),
    Mutation(
        "a reset revokes the calendar feed",
        "events/signals.py",
        "CalendarFeed.objects.filter(user=user).delete()",
        "pass",
        (
            "tests/members/test_lost_phone.py::"
            "test_the_old_feed_address_stays_dead_after_a_new_phone_is_enrolled",
        ),
    ),
    Mutation(
        "enrolment after a reset asks for the password",
        "members/views/account.py",
        "if invitation.password_set_at is not None:",
        "if True:",
        (
            "tests/members/test_lost_phone.py::"
            "test_the_link_asks_for_the_password_before_showing_a_new_device",
        ),
    ),
]


def copy_repository(into):
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)


def pytest(python, *args, cwd, env):
    command = [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    return subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def build_database(python, into):
    """The tests' database, migrated and with the demo, built once and copied for each run."""
    template = into / "template.sqlite3"
    env = os.environ | {"DATABASE_URL": f"sqlite:///{into / 'unused.sqlite3'}",
                        "TEST_DATABASE_NAME": str(template)}  # fmt: skip
    result = pytest(python, "--create-db", "--reuse-db",
                    "tests/core/test_views_marked.py::test_members_cannot_open_any_admin_view",
                    cwd=ROOT, env=env)  # fmt: skip
    if result.returncode != 0:
        raise SystemExit("could not build the test database:\n" + result.stdout[-3000:])
    return template


def run(mutation, python, template):
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:
        copy = Path(folder)
        copy_repository(copy)
        database = copy / "test.sqlite3"
        shutil.copy2(template, database)
        target = copy / mutation.path
        code = target.read_text()
        if code.count(mutation.rule) != 1:
            return mutation, "stale", f"the rule is not written once in {mutation.path}"
        target.write_text(code.replace(mutation.rule, mutation.without))
        # The copy comes first on the path, before the editable install of the original.
        env = os.environ | {
            "PYTHONPATH": str(copy),
            "PYTHONDONTWRITEBYTECODE": "1",
            "DATABASE_URL": f"sqlite:///{copy / 'unused.sqlite3'}",
            "TEST_DATABASE_NAME": str(database),
        }
        result = pytest(python, "--reuse-db", *mutation.tests, cwd=copy, env=env)
        if result.returncode == 1:
            return mutation, "killed", ""
        if result.returncode == 0:
            return mutation, "survived", result.stdout[-2000:]
        return mutation, "error", (result.stdout + result.stderr)[-3000:]


def main(selected):
    mutations = [m for m in MUTATIONS if not selected or any(s in m.name for s in selected)]
    started = time.monotonic()
    workers = int(os.environ.get("MUTATION_WORKERS", "2"))
    failed = False
    with tempfile.TemporaryDirectory(prefix="mutation-db-") as folder:
        template = build_database(sys.executable, Path(folder))
        print(f"test database built in {time.monotonic() - started:.0f} s", flush=True)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for mutation, outcome, detail in pool.map(
                lambda m: run(m, sys.executable, template), mutations
            ):
                print(f"{outcome:>9}  {mutation.name}", flush=True)
                if outcome != "killed":
                    failed = True
                    print("\n".join("           " + line for line in detail.splitlines()))
    print(f"{len(mutations)} mutations in {time.monotonic() - started:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
