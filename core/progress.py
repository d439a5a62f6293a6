"""Progress bars for long commands and scripts, on a terminal only.

A bar goes to stderr and only when stderr is a terminal (tqdm's
``disable=None``): under systemd, cron, a pipe or the tests it is silent, and
stdout keeps only the commands' own summaries.
"""

import sys
import time

from tqdm import tqdm


def progress(iterable=None, *, file=None, verbosity=1, **options):
    """A tqdm bar over ``iterable`` (or updated by hand with ``total=``), on ``file``.

    ``file`` is stderr by default, or a management command's ``self.stderr``;
    ``verbosity`` 0 (``-v0``) never shows one.
    """
    stream = sys.stderr if file is None else file
    # A command's OutputWrapper ends every write with a newline, which would break the bar.
    stream = getattr(stream, "_out", stream)
    return tqdm(
        iterable,
        file=stream,
        disable=True if verbosity == 0 else None,
        dynamic_ncols=True,
        **options,
    )


class AboveBars:
    """A command's stdout whose lines go above any bar on the terminal, not through it."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, *args, **kwargs):
        with tqdm.external_write_mode():
            self.stdout.write(*args, **kwargs)


def print_above(message):
    """``print`` for a script while a bar may be drawn: the line goes above the bar."""
    tqdm.write(message)


def join_timed(threads, seconds, desc, **options):
    """Start ``threads``, which work for about ``seconds``, and wait for them under a bar of the time."""
    began = time.monotonic()
    for thread in threads:
        thread.start()
    bar_format = "{l_bar}{bar}| {n:.0f}/{total:.0f} s"
    with progress(total=seconds, desc=desc, bar_format=bar_format, **options) as bar:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=1)
                bar.update(min(seconds, time.monotonic() - began) - bar.n)


def command_progress(command, iterable=None, **options):
    """``progress`` on a management command's stderr, at the command's verbosity."""
    return progress(
        iterable, file=command.stderr, verbosity=getattr(command, "verbosity", 1), **options
    )
