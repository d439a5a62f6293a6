"""docs/benchmark.md holds one section per benchmark script; each rewrites only its own."""

import re
from pathlib import Path

BENCHMARK_MD = Path(__file__).resolve().parent.parent / "docs" / "benchmark.md"
TITLE = "# Benchmark\n\n"


def write_section(name, body, path=BENCHMARK_MD):
    """Replace the section called ``name`` (between HTML comment markers), or add it."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text() if path.exists() else TITLE
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
