"""Long commands draw a bar on a terminal's stderr, and nothing anywhere else (systemd, pipes, tests)."""

import io
import threading
import time

import pytest
from django.core.management import call_command

from core.progress import join_timed, progress
from mail.models import OutgoingEmail


class Terminal(io.StringIO):
    """stderr as a person running the command by hand has it."""

    def isatty(self):
        return True


def run(command, *args, stderr, **options):
    stdout = io.StringIO()
    call_command(command, *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_a_bar_only_on_a_terminal():
    terminal, pipe = Terminal(), io.StringIO()
    assert list(progress(range(3), file=terminal, desc="steps")) == [0, 1, 2]
    assert list(progress(range(3), file=pipe, desc="steps")) == [0, 1, 2]
    assert "steps" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_no_bar_at_verbosity_zero():
    terminal = Terminal()
    list(progress(range(3), file=terminal, verbosity=0))
    assert terminal.getvalue() == ""


@pytest.mark.django_db
def test_update_index_counts_each_model_with_a_bar_on_a_terminal():
    output, errors = run("update_index", stderr=io.StringIO())
    assert errors == ""
    assert "." * 3 not in output  # Wagtail's dots are gone
    assert any(line.startswith("default: home.ContentPage") for line in output.splitlines())
    count = next(
        line for line in output.splitlines() if line.startswith("default: home.ContentPage")
    ).split()[-1]
    assert int(count) > 0
    assert "default: indexed" in output  # Wagtail's summary stays

    output, errors = run("update_index", stderr=Terminal())
    assert "default: home.ContentPage" in errors and f"/{count}" in errors
    assert "default: indexed" in output


@pytest.mark.django_db
def test_update_index_quiet_at_verbosity_zero():
    assert run("update_index", verbosity=0, stderr=Terminal()) == ("", "")


@pytest.mark.django_db
def test_load_demo_shows_its_pages_and_languages_on_a_terminal():
    output, errors = run("load_demo", languages="en", no_users=True, stderr=io.StringIO())
    assert errors == ""
    assert "en: 0 pages translated" in output and "Demo site ready" in output

    output, errors = run("load_demo", languages="en", no_users=True, stderr=Terminal())
    assert "languages" in errors and " pages" in errors and "ja" in errors
    assert "Demo site ready" in output


@pytest.mark.django_db
def test_periodic_jobs_are_silent_off_a_terminal(mailoutbox):
    OutgoingEmail.objects.create(to="a@example.jp", subject="s", body="b")
    assert run("send_queued_emails", stderr=io.StringIO()) == ("1 email(s) sent.\n", "")
    output, errors = run("apply_retention", stderr=io.StringIO())
    assert "queued mail: 0 deleted" in output and errors == ""


@pytest.mark.django_db
def test_periodic_jobs_show_a_bar_when_run_by_hand(mailoutbox):
    OutgoingEmail.objects.create(to="a@example.jp", subject="s", body="b")
    OutgoingEmail.objects.create(to="b@example.jp", subject="s", body="b")
    output, errors = run("send_queued_emails", stderr=Terminal())
    assert output == "2 email(s) sent.\n" and "emails" in errors and "2/2" in errors
    output, errors = run("apply_retention", stderr=Terminal())
    assert "queued mail: 0 deleted" in output and "retention rules" in errors


def test_scripts_wait_for_their_workers_under_a_bar_of_the_time():
    done = []
    workers = [threading.Thread(target=lambda: (time.sleep(1.2), done.append(1)))]
    terminal = Terminal()
    join_timed(workers, 1.2, "readers", file=terminal)
    assert done == [1]
    assert "readers" in terminal.getvalue() and "/1 s" in terminal.getvalue()
