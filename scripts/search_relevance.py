"""Measure search approaches against the relevance set (search/relevance.toml).

Builds the demo in the set's languages in a temporary SQLite database (or in
DATABASE_URL when set), then for each approach rebuilds Wagtail's search index
and prints recall (expected pages within each case's `top`), mean reciprocal
rank, the rank of every expected page, the size of the indexed text and the
time spent indexing and searching.

    python scripts/search_relevance.py [--approach NAME ...] [--markdown]

The morphological analyser janome is measured when it can be imported
(``pip install janome``); it is not a dependency of the site.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Plain:
    """Wagtail's database backend as is: nothing added to the index, words as typed."""

    def index_terms(self, text):
        return []

    def query_terms(self, text):
        from search.text import WORD

        return WORD.findall(text)


class Janome:
    """Japanese morphological analysis (janome) instead of bigrams, for CJK text."""

    SKIPPED = ("助詞", "助動詞", "記号")

    def __init__(self):
        from janome.tokenizer import Tokenizer

        started = time.perf_counter()
        self.tokenizer = Tokenizer()
        self.load_seconds = time.perf_counter() - started

    def words(self, run):
        return [
            t.surface
            for t in self.tokenizer.tokenize(run)
            if not t.part_of_speech.startswith(self.SKIPPED)
        ]

    def expand(self, text, index):
        from search.ngrams import split_runs
        from search.text import WORD, base_text, normalize, reading_text, unaccent

        terms = []
        for source in (base_text(text), reading_text(text)) if index else (text,):
            for written in WORD.findall(source):
                for word in WORD.findall(normalize(written)):
                    runs = list(split_runs(word))
                    if any(is_cjk for is_cjk, _ in runs):
                        for is_cjk, run in runs:
                            terms += self.words(run) if is_cjk else [unaccent(run)]
                    elif not index or unaccent(word) != written.lower():
                        terms.append(unaccent(word))
        return terms if index else list(dict.fromkeys(terms))

    def index_terms(self, text):
        return self.expand(text, index=True)

    def query_terms(self, text):
        return self.expand(text, index=False)


def approaches():
    from search.ngrams import CJKBigrams

    found = {
        "database as is, any word": (Plain, "or"),
        "database as is, all words": (Plain, "and"),
        "bigrams, any term": (CJKBigrams, "or"),
        "bigrams, all terms, else any": (CJKBigrams, "and-or"),
        "bigrams, tiers": (CJKBigrams, "tiers"),
        "bigrams + unigrams, tiers": (lambda: CJKBigrams(unigrams=True), "tiers"),
        # What the site does: the same, with the search words editors keep (search.synonyms).
        "bigrams + unigrams, tiers, search words": (
            lambda: CJKBigrams(unigrams=True),
            "tiers+words",
        ),
    }
    try:
        import janome  # noqa: F401

        found["janome words, tiers"] = (Janome, "tiers")
    except ImportError:
        print("janome is not installed: its approach is skipped.", file=sys.stderr)
    return found


def plain_search(pages, text, strategy, backend):
    """Wagtail's ranking alone: all terms, any term, or all terms and else any."""
    from search import query

    operators = ["and", "or"] if strategy == "and-or" else [strategy]
    for operator in operators:
        built = query.build(text, operator)
        if built is None:
            return pages.none()
        results = backend.search(built, pages)
        if results.count():
            break
    return results


def prepare_database(languages):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", languages=",".join(languages), no_users=True, stdout=io.StringIO())


def indexed_size():
    """Characters of text handed to the search index, over every page."""
    from wagtail.models import Page

    total = 0
    for page in Page.objects.exclude(depth=1).specific().iterator():
        for field in page.get_searchable_search_fields():
            value = field.get_value(page)
            total += len(str(value)) if value else 0
    return total


def measure(name, factory, strategy, cases):
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from search import ngrams, query, relevance, synonyms
    from search.views import public_pages

    started = time.perf_counter()
    ngrams.ANALYZER = factory()
    analyzer_load = getattr(ngrams.ANALYZER, "load_seconds", 0.0)
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    index_seconds = time.perf_counter() - started
    size = indexed_size()
    backend = get_search_backend()
    timings = []

    def search(text, locale):
        pages = public_pages(locale)
        started = time.perf_counter()
        if strategy == "tiers+words":  # what the site does
            found = synonyms.search(
                pages, text, locale.language_code, backend=backend, only=["url_path"]
            )[0][: relevance.DEPTH]
        elif strategy == "tiers":
            found = query.search(pages, text, backend, only=["url_path"])[: relevance.DEPTH]
        else:
            found = list(plain_search(pages, text, strategy, backend)[: relevance.DEPTH])
        timings.append(time.perf_counter() - started)
        return found

    outcomes = relevance.evaluate(cases, search)
    return {
        "name": name,
        "outcomes": outcomes,
        "recall": relevance.recall(outcomes),
        "by_language": relevance.recall_by_language(outcomes),
        "mrr": relevance.mean_reciprocal_rank(outcomes),
        "index_seconds": index_seconds,
        "analyzer_load": analyzer_load,
        "size": size,
        "query_ms": statistics.median(timings) * 1000,
    }


def rank_text(outcome):
    return " ".join(
        "–" if rank is None else (f"**{rank}**" if rank > outcome.case.top else str(rank))
        for rank in outcome.ranks
    )


def report(results, cases, database):
    lines = [
        f"Database: {database}. {len(cases)} queries, "
        f"{sum(len(c.expect) for c in cases)} expected pages.",
        "",
        "| approach | recall | MRR | indexed characters | index build s | median query ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        load = f" (+{r['analyzer_load']:.1f} s loading)" if r["analyzer_load"] else ""
        lines.append(
            f"| {r['name']} | {r['recall']:.0%} | {r['mrr']:.2f} | {r['size']:,} "
            f"| {r['index_seconds']:.1f}{load} | {r['query_ms']:.1f} |"
        )
    languages = list(results[0]["by_language"]) if results else []
    lines += [
        "",
        "Recall by language:",
        "",
        "| approach | " + " | ".join(languages) + " |",
        "|---|" + "---:|" * len(languages),
    ]
    for r in results:
        shares = " | ".join(f"{r['by_language'][code]:.0%}" for code in languages)
        lines.append(f"| {r['name']} | {shares} |")
    lines += [
        "",
        "Rank of each expected page (– not in the first 20; bold: below the case's `top`):",
        "",
        "| language | query | top | "
        + " | ".join(f"({i + 1})" for i in range(len(results)))
        + " |",
        "|---|---|---:|" + "---:|" * len(results),
    ]
    for index, case in enumerate(cases):
        ranks = " | ".join(rank_text(r["outcomes"][index]) for r in results)
        lines.append(f"| {case.language} | {case.query} | {case.top} | {ranks} |")
    lines += [
        "",
        "Approaches: " + "; ".join(f"({i + 1}) {r['name']}" for i, r in enumerate(results)),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--approach", action="append", help="measure only these (by name)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-relevance-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'relevance.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    from django.db import connection

    from search import relevance

    cases = relevance.load_cases()
    languages = sorted({c.language for c in cases} - {"ja"})
    print(f"Preparing the demo in ja, {', '.join(languages)} …", file=sys.stderr, flush=True)
    prepare_database(languages)
    results = []
    for name, (factory, strategy) in approaches().items():
        if args.approach and name not in args.approach:
            continue
        print(f"Measuring: {name}", file=sys.stderr, flush=True)
        results.append(measure(name, factory, strategy, cases))
    print(report(results, cases, connection.vendor))


if __name__ == "__main__":
    main()
