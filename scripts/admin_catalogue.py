"""(Re)generate the admin's Japanese catalogue from Wagtail's and wagtail-localize's own.

Wagtail's Japanese catalogue translates only part of the admin and
wagtail-localize's almost nothing, so the project keeps a second catalogue,
``portal/locale_admin/ja/LC_MESSAGES/{django,djangojs}.po``, the second entry
of ``LOCALE_PATHS``: Django looks there before the apps' own catalogues, and
``makemessages`` writes only to the first entry, so it never rewrites it.

Every English msgid of the installed packages' catalogues (``SOURCES``) goes
into it, translated by, in this order:

1. ``portal/locale_admin/translations.ja.tsv``, the project's table: one
   ``msgid<TAB>msgstr`` a line (``\\n``, ``\\t`` and ``\\\\`` escaped), our
   translations and our corrections of the packages' ones;
2. the package's own Japanese catalogue.

    python scripts/admin_catalogue.py            # write the .po files and compile them
    python scripts/admin_catalogue.py --check    # fail if out of date or incomplete
    python scripts/admin_catalogue.py --missing  # append what is untranslated to the table

After a Wagtail or wagtail-localize upgrade: run it; it lists the msgids new
and untranslated. ``--missing`` appends them to the table with an empty
translation; translate them there and run it again.
"""

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_ADMIN = ROOT / "portal" / "locale_admin"
TABLE = LOCALE_ADMIN / "translations.ja.tsv"
LANGUAGE = "ja"

# The installed apps whose catalogues staff meet in the admin.
SOURCES = [
    "wagtail",
    "wagtail.admin",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.sites",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail_localize",
    "wagtail_localize.locales",
]
DOMAINS = ["django", "djangojs"]

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-zA-Z_][a-zA-Z0-9_]*\}")

HEADER = {
    "Project-Id-Version": "Support Network Portal admin",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def package_locale(module):
    spec = importlib.util.find_spec(module)
    return Path(spec.submodule_search_locations[0]) / "locale"


def unescape(text):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def read_table():
    table = {}
    if not TABLE.exists():
        return table
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        msgid, sep, msgstr = line.partition("\t")
        if not sep:
            raise SystemExit(f"{TABLE.name}:{number}: no tab between msgid and translation")
        table[unescape(msgid)] = unescape(msgstr)
    return table


def source_entries(domain):
    """Every English entry of the sources for the domain, with the package's translation."""
    found = {}
    for module in SOURCES:
        locale = package_locale(module)
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not english.exists():
            continue
        japanese = locale / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        theirs = {}
        if japanese.exists():
            for entry in polib.pofile(str(japanese)):
                if entry.obsolete or entry.fuzzy or not entry.translated():
                    continue
                text = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
                if text:
                    theirs[entry.msgid] = text
        for entry in polib.pofile(str(english)):
            if entry.obsolete or not entry.msgid:
                continue
            if entry.msgid not in found or (entry.msgid in theirs and not found[entry.msgid][2]):
                found[entry.msgid] = (entry, module, theirs.get(entry.msgid))
    return found


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def build(domain, table):
    """The catalogue for the domain, and the msgids still untranslated."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(HEADER)
    missing, problems = [], []
    sources = source_entries(domain)
    for msgid, (entry, module, theirs) in sorted(sources.items()):
        text = table.get(msgid) or theirs
        if not text:
            missing.append((module, msgid))
            continue
        wanted = placeholders(msgid)
        if entry.msgid_plural:
            wanted = sorted(set(wanted) | set(placeholders(entry.msgid_plural)))
            if set(placeholders(text)) - set(wanted):
                problems.append(f"placeholders differ: {msgid!r} -> {text!r}")
        elif placeholders(text) != wanted:
            problems.append(f"placeholders differ: {msgid!r} -> {text!r}")
        flags = [f for f in entry.flags if f != "fuzzy"]
        if entry.msgid_plural and set(placeholders(entry.msgid_plural)) - set(placeholders(text)):
            # Japanese has one form, which need not name every number of the English
            # plural (some of Wagtail's name a count that the singular does not have);
            # msgfmt --check-format would refuse it.
            flags = [f for f in flags if f != "python-format"]
        if entry.msgid_plural:
            new = polib.POEntry(
                msgid=msgid, msgid_plural=entry.msgid_plural, msgstr_plural={0: text}, flags=flags
            )
        else:
            new = polib.POEntry(msgid=msgid, msgstr=text, flags=flags)
        new.comment = module
        po.append(new)
    return po, missing, problems, set(sources)


def compile_mo(po_path):
    if shutil.which("msgfmt"):
        subprocess.run(  # noqa: S603
            ["msgfmt", "--check-format", "-o", str(po_path.with_suffix(".mo")), str(po_path)],  # noqa: S607
            check=True,
        )
    else:
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if out of date or incomplete")
    parser.add_argument("--missing", action="store_true", help="append untranslated to the table")
    args = parser.parse_args()

    table = read_table()
    status = 0
    all_missing = []
    used = set()
    for domain in DOMAINS:
        po, missing, problems, msgids = build(domain, table)
        used |= msgids
        all_missing += missing
        for problem in problems:
            print(f"{domain}: {problem}")
            status = 1
        path = LOCALE_ADMIN / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        text = po.__unicode__()
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path.relative_to(ROOT)} is out of date: run scripts/admin_catalogue.py")
                status = 1
            elif not path.with_suffix(".mo").exists():
                print(f"{path.relative_to(ROOT)} is not compiled: run scripts/admin_catalogue.py")
                status = 1
            else:
                compiled = {
                    e.msgid: e.msgstr or e.msgstr_plural.get(0)
                    for e in polib.mofile(str(path.with_suffix(".mo")))
                    if e.msgid
                }
                if compiled != {e.msgid: e.msgstr or e.msgstr_plural.get(0) for e in po}:
                    print(f"{path.with_suffix('.mo').relative_to(ROOT)} is out of date")
                    status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            compile_mo(path)
        print(f"{domain}: {len(po)} strings in Japanese, {len(missing)} untranslated")

    for module, msgid in all_missing:
        print(f"untranslated ({module}): {msgid!r}")
    if all_missing:
        status = 1
        if args.missing:
            with TABLE.open("a", encoding="utf-8") as table_file:
                for _module, msgid in all_missing:
                    table_file.write(f"{escape(msgid)}\t\n")
            print(
                f"{len(all_missing)} msgids appended to {TABLE.relative_to(ROOT)}: translate them"
            )
    unused = sorted(set(table) - used)
    for msgid in unused:
        print(f"in the table but in no package catalogue any more: {msgid!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
