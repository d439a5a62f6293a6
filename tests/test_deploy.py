"""deploy/ holds what an operator installs on a Debian server; it must match the code."""

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"


def unit(path):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path)
    return parser


def example_environment():
    lines = (DEPLOY / "portal.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_every_timer_starts_a_job_that_exists():
    timers = sorted(UNITS.glob("*.timer"))
    assert {t.stem for t in timers} >= {
        "portal-mail",
        "portal-publish",
        "portal-sessions",
        "portal-retention",
    }
    commands = get_commands()
    for timer in timers:
        service = unit(timer.with_suffix(".service"))
        assert service["Service"]["Type"] == "oneshot", timer.name  # never two at once
        command = service["Service"]["ExecStart"].split("manage.py", 1)[1].split()[0]
        assert command in commands, (timer.name, command)
        assert unit(timer)["Timer"]["OnCalendar"], timer.name


def test_the_mail_job_runs_every_minute_as_production_needs():
    calendar = unit(UNITS / "portal-mail.timer")["Timer"]["OnCalendar"]
    assert calendar == "*-*-* *:*:00"


def test_every_unit_runs_production_settings_with_the_environment_file():
    for path in UNITS.glob("*.service"):
        service = unit(path)["Service"]
        assert service["EnvironmentFile"] == "/etc/portal/portal.env", path.name
        assert service["Environment"] == "DJANGO_SETTINGS_MODULE=portal.settings.production"
        assert service["User"] == "portal", path.name


def test_the_proxy_takes_the_largest_member_file_and_logs_nothing_of_the_reader():
    conf = (DEPLOY / "nginx" / "portal.conf").read_text()
    size = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert size * 1024 * 1024 >= settings.MEMBER_FILE_MAX_SIZE
    log_format = re.search(r"log_format portal_minimal ([^;]+);", conf).group(1)
    for revealing in ("$remote_addr", "$args", "$request ", "$request_uri", "$http_", "$query"):
        assert revealing not in log_format + " ", revealing
    gunicorn = unit(UNITS / "portal.service")["Service"]["ExecStart"]
    log = re.search(r"--access-logformat '([^']+)'", gunicorn).group(1)
    assert not re.search(r"%%\((h|r|q|a|f)\)", log), log  # address, request line, query, agent


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL", "SECRET_KEY"])
def test_the_example_environment_is_complete_and_each_variable_is_needed(missing):
    """With the example file production settings pass check --deploy; without a
    required variable they refuse to start."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE"))}
    env = base | example_environment() | {"DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    check = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    complete = subprocess.run(check, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert complete.returncode == 0, complete.stderr[-2000:]
    del env[missing]
    refused = subprocess.run(check, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert refused.returncode != 0
    assert missing in refused.stderr


def test_systemd_accepts_every_unit_as_written(tmp_path):
    """systemd's own parser reads each unit and timer: an unknown key, a calendar
    it cannot parse or a missing setting fails here, not on the operator's server.
    Only the virtual environment's path is pointed at this one's."""
    bin_dir = Path(sys.executable).parent
    for path in UNITS.iterdir():
        text = path.read_text().replace("/srv/portal/.venv/bin/", f"{bin_dir}/")
        (tmp_path / path.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    verify = subprocess.run(
        ["systemd-analyze", "verify", *units], cwd=tmp_path, capture_output=True, text=True
    )
    assert verify.returncode == 0, verify.stderr
    assert verify.stderr.strip() == "", verify.stderr
