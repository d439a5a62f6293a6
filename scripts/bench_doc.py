"""docs/benchmark.md holds one section per benchmark script; each rewrites only its own."""

import re
from pathlib import Path

BENCHMARK_MD = Path(__file__).resolve().parent.parent / "docs" / "benchmark.md"
TITLE = "# Benchmark\n\n"


def write_section(name, body, path=BENCHMARK_MD, inside=None):
    """Replace the section called ``name`` (between HTML comment markers), or add it:
    at the end of the section ``inside`` when there is one, else of the file. The
    text around it (a summary written by hand) is left as it is."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text() if path.exists() else TITLE
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    parent_end = f"<!-- /{inside} -->" if inside else None
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text)
    elif parent_end and parent_end in text:
        text = text.replace(parent_end, section + "\n" + parent_end, 1)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
