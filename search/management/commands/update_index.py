"""Wagtail's ``update_index``, with a bar per model on a terminal instead of rows of dots.

Same options and summaries (``--backend``, ``--schema-only``, ``--chunk_size``);
each model's line now ends with its count. This app comes before
``wagtail.search`` in INSTALLED_APPS, so this command is the one that runs.
"""

from wagtail.search.management.commands.update_index import DEFAULT_CHUNK_SIZE
from wagtail.search.management.commands.update_index import Command as WagtailCommand

from core.progress import command_progress


class Command(WagtailCommand):
    label = ""
    total = None
    line_ended = False

    def write(self, *args, ending=None, **kwargs):
        if ending == "":  # the model's name, which Wagtail follows with dots: held for the bar
            self.label = args[0].rstrip()
            return
        super().write(*args, ending=ending, **kwargs)

    def print_newline(self):
        if self.line_ended:  # the model's line is written whole already
            self.line_ended = False
            return
        super().print_newline()

    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        self.total = qs.count()
        return super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        indexed = 0
        with command_progress(
            self, total=self.total, desc=self.label, unit=" objects", leave=False
        ) as bar:
            for chunk in iterable:
                yield chunk
                indexed += len(chunk)
                bar.update(len(chunk))
        self.write(f"{self.label.ljust(34)} {indexed}")
        self.line_ended = True
