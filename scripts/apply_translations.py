"""Write translations into the catalogues: ``python scripts/apply_translations.py FILE.py``.

FILE.py defines ``T = {msgid: {locale directory name: translation}}``. Each
entry is set, its fuzzy mark removed; then run ``make messages`` to compile.
"""

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "portal" / "locale"


def main(path):
    translations = runpy.run_path(path)["T"]
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        language = po_path.parent.parent.name
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid in translations and language in translations[entry.msgid]:
                entry.msgstr = translations[entry.msgid][language]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
        po.save()


if __name__ == "__main__":
    main(sys.argv[1])
