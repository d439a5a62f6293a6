"""Read the demo content files (see content/README.md)."""

import tomllib
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).parent / "content"
SOURCE_LANGUAGE = "ja"


@cache
def load(language_code):
    """The pages of one language file, in file order, keyed by page key."""
    path = CONTENT_DIR / f"{language_code}.toml"
    with path.open("rb") as fh:
        pages = tomllib.load(fh)["page"]
    return {spec["key"]: spec for spec in pages}


def available_translations():
    return sorted(p.stem for p in CONTENT_DIR.glob("*.toml") if p.stem != SOURCE_LANGUAGE)
