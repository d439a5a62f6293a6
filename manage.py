#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # A SECRET_KEY in the environment means a real deployment: never fall back to
    # the dev settings (SQLite, console mail, a known key) there.
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE",
        "portal.settings.production" if os.environ.get("SECRET_KEY") else "portal.settings.dev",
    )

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
