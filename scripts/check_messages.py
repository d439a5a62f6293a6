"""Check the translation catalogues: complete, not fuzzy, compiled, and up to date.

Runs makemessages on a copy of the catalogues (when gettext's xgettext is
installed; CI installs it) so that a string added to the code but missing
from a catalogue fails the check, then restores the committed files.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "portal" / "locale"
LOCALE_ADMIN = ROOT / "portal" / "locale_admin"


def entries(catalogue):
    return {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if e.msgid and not e.obsolete
    }


def check(po_path):
    problems = []
    po = polib.pofile(str(po_path))
    problems += [f"untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        problems.append("not compiled (run `make messages`)")
    else:
        translated = entries(po)
        compiled = entries(polib.mofile(str(mo_path)))
        if translated != compiled:
            problems.append("the .mo file is out of date (run `make messages`)")
    return problems


def main():
    backup = Path(tempfile.mkdtemp())
    shutil.copytree(LOCALE, backup / "locale")
    try:
        if shutil.which("xgettext"):
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--all",
                    "--no-location",
                    "--ignore=.venv",
                    "--ignore=staticfiles",
                    "--ignore=tests",
                    "-v",
                    "0",
                ],
                cwd=ROOT,
                check=True,
            )
            for po_path in LOCALE.glob("*/LC_MESSAGES/django.po"):
                fresh = polib.pofile(str(po_path))
                committed = polib.pofile(str(backup / "locale" / po_path.relative_to(LOCALE)))
                new = {e.msgid for e in fresh if not e.obsolete} - {
                    e.msgid for e in committed if not e.obsolete
                }
                if new:
                    print(
                        f"{po_path.relative_to(ROOT)}: strings missing from the catalogue: {sorted(new)}"
                    )
                    return 1
        else:
            print("xgettext not found: catalogues checked as committed, not against the code.")
    finally:
        shutil.rmtree(LOCALE)
        shutil.copytree(backup / "locale", LOCALE)
        shutil.rmtree(backup)

    failed = False
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        for problem in check(po_path):
            failed = True
            print(f"{po_path.relative_to(ROOT)}: {problem}")
    # The admin's catalogue (the second of LOCALE_PATHS): complete, compiled, and
    # built from the installed Wagtail and wagtail-localize (scripts/admin_catalogue.py).
    for po_path in sorted(LOCALE_ADMIN.glob("*/LC_MESSAGES/*.po")):
        for problem in check(po_path):
            failed = True
            print(f"{po_path.relative_to(ROOT)}: {problem}")
    admin = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "admin_catalogue.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if admin.returncode:
        failed = True
        print(admin.stdout + admin.stderr)
    if not failed:
        print("Translation catalogues: complete and compiled.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
