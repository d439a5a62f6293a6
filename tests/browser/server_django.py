"""Run a few lines of Django against the test server's database, in a process of their own.

The browser tests' server has its own SQLite file; what a test needs set up
there beyond the demo (an account, a workflow, a changed page) is made with
the project's own models, as ``manage.py shell`` would.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(server, code):
    folder = Path(server.database).parent
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{server.database}",
        "WAGTAILADMIN_BASE_URL": str(server),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(server.mail),
        "MEDIA_ROOT": str(folder / "files"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=os.environ | env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
