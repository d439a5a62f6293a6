"""The demo's search words (demo/synonyms.toml), in every language.

What readers type for what the pages call otherwise: 住むところ for 住まい,
"shelter" for "temporary protection". Entries an editor has already made or
changed for a term are left as they are, so running the demo again keeps them.
"""

import tomllib
from pathlib import Path

from search.models import Synonym
from search.synonyms import key_of

# Beside this module: every .toml in content/ is a language of the pages.
SYNONYMS_FILE = Path(__file__).with_name("synonyms.toml")


def load(path=SYNONYMS_FILE):
    """{language code: {term: [word, …]}} as written in the file."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def build_synonym_demo(stdout=None, path=SYNONYMS_FILE):
    """Add the file's search words that are missing; the number added."""
    added = 0
    for code, entries in load(path).items():
        existing = set(Synonym.objects.filter(language_code=code).values_list("key", flat=True))
        for term, words in entries.items():
            if key_of(term) in existing:
                continue
            synonym = Synonym(language_code=code, term=term, words="\n".join(words))
            synonym.full_clean()  # the file is checked like an editor's entry
            synonym.save()
            added += 1
    if stdout is not None:
        stdout.write(f"Search words: {added} added.")
    return added
