"""Search latency on a site with 10,000 (or 100,000) pages, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Each database is made for the run: a SQLite file, and a database on the
PostgreSQL server that DATABASE_URL points to (dropped afterwards unless
``--keep``). In it: the demo in Japanese and English, plus --pages content
pages (half Japanese, half English, made of the demo's paragraphs in random
order) inserted in bulk and indexed with Wagtail's ``update_index`` (its
progress goes to stderr). The search page is then requested in-process
through Django's test client for a handful of queries, and one page is
published a few times to measure what indexing adds to a publish; results go
to stdout and the "search" section of docs/benchmark.md.

    python scripts/bench_search.py [--pages 10000] [--runs 40] [--keep] [--only postgresql]

``--keep`` keeps both databases (``/tmp/portal-bench-search/<pages>.sqlite3``
and ``bench_search_<pages>`` on the server) and reuses them on the next run
with ``--keep``, so that a 100,000-page site is built once (make
bench-search-100k). The build figures of a reused database are those of its
build.
"""

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_doc import write_section  # noqa: E402  (next to this script)

QUERIES = [
    ("ja", "相談"),
    ("ja", "窓口"),
    ("ja", "相談窓口"),
    ("ja", "暴力"),
    ("ja", "住まい"),
    ("ja", "夫からの暴力"),
    ("ja", "配偶者からの暴力に悩んでいる"),
    ("ja", "住むところ"),  # a reader's word: searched with its synonyms (search.synonyms)
    ("en", "violence"),
    ("en", "domestic violence"),
    ("en", "single parents"),
    ("en", "divorce lawyer"),
]


# In the worker process: one database.


def generate_pages(count, seed=42):
    """``count`` live content pages under a new section of each home, in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from demo import content_files
    from home.models import ContentPage, HomePage

    rng = random.Random(seed)  # noqa: S311  (reproducible content, not secrets)
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(ContentPage)
    for language, share in (("ja", count // 2), ("en", count - count // 2)):
        specs = list(content_files.load(language).values())
        paragraphs = [
            b["text"] for s in specs for b in s.get("body", []) if b["type"] == "paragraph"
        ]
        titles = [s["title"] for s in specs]
        home = HomePage.objects.get(locale__language_code=language)
        section = ContentPage(title="Bench", slug="bench", locale=home.locale)
        home.add_child(instance=section)
        with transaction.atomic():
            pages = []
            for n in range(1, share + 1):
                title = f"{rng.choice(titles)} {n}"
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=f"bench-{n}",
                        content_type=content_type,
                        locale=home.locale,
                        translation_key=uuid.uuid4(),
                        path=ContentPage._get_path(section.path, section.depth + 1, n),
                        depth=section.depth + 1,
                        url_path=f"{section.url_path}bench-{n}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            Page.objects.bulk_create(pages, batch_size=500)
            for page in progress(pages, f"pages ({language})", unit="page"):
                body = [
                    {"type": "paragraph", "value": text, "id": str(uuid.uuid4())}
                    for text in rng.sample(paragraphs, 3)
                ]
                lead = rng.choice(specs).get("lead", "")
                ContentPage(page_ptr=page, lead=lead, body=body).save_base(
                    raw=True, force_insert=True
                )
            Page.objects.filter(pk=section.pk).update(numchild=share, live=True)


def progress(iterable, description, **kwargs):
    """A progress bar on stderr for a long phase; none when stderr is not a terminal."""
    from tqdm import tqdm

    return tqdm(iterable, desc=description, disable=None, file=sys.stderr, leave=False, **kwargs)


def index_size():
    """Bytes the search index takes in the database."""
    from django.db import DatabaseError, connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
            return cursor.fetchone()[0]
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'wagtailsearch_indexentry%'"
            )
            return cursor.fetchone()[0]
        except DatabaseError:  # SQLite built without dbstat
            return None


def percentile(sorted_values, share):
    """The value below which ``share`` of ``sorted_values`` lie (nearest rank)."""
    rank = max(1, round(share * len(sorted_values) + 0.5))
    return sorted_values[min(len(sorted_values), rank) - 1]


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


@contextlib.contextmanager
def through_backend():
    """query.search as before search.postgres_fts: every search through modelsearch's backend."""
    from search import postgres_fts

    handles = postgres_fts.handles
    postgres_fts.handles = lambda backend: False
    try:
        yield
    finally:
        postgres_fts.handles = handles


def time_queries(runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from search import query
    from search.views import public_pages

    client = Client()
    rows = []
    for language, text in progress(QUERIES, "queries", unit="query"):
        url = f"/{language}/search/?q={quote(text)}"
        for _ in range(3):  # warm Wagtail's caches and the database's
            response = client.get(url)
        timings, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, url  # noqa: S101
        locale = Locale.objects.get(language_code=language)
        with CaptureQueriesContext(connection) as searched:
            count = len(query.search(public_pages(locale), text))
        # query.search alone, then (PostgreSQL) through modelsearch's backend as it
        # is, interleaved so that both meet the same load on the machine.
        alone, backend = [], []
        for n in range(runs):
            alone.append(timed(query.search, public_pages(locale), text))
            if connection.vendor == "postgresql" and n % 4 == 0:
                with through_backend():
                    backend.append(timed(query.search, public_pages(locale), text))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        rows.append(
            {
                "query": f"{language}: {text}",
                "results": count,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "p99": percentile(timings, 0.99),
                "cpu_p50": statistics.median(cpu),
                "sql": len(queries),
                "search_sql": len(searched),
                "search_p50": statistics.median(alone),
                "backend_p50": statistics.median(backend) if backend else None,
            }
        )
    return rows


def time_publish(times=10):
    """Milliseconds (median) to publish one generated Japanese page, and of that, to index it."""
    from wagtail.search import index

    from home.models import ContentPage

    page = ContentPage.objects.filter(
        url_path__endswith="/bench/bench-1/", locale__language_code="ja"
    ).get()
    publish, indexing = [], []
    for n in progress(range(times + 2), "publishing", unit="publish"):
        page.title = f"{page.title.rsplit(' ', 1)[0]} {n}"
        started = time.perf_counter()
        page.save_revision().publish()
        publish.append((time.perf_counter() - started) * 1000)
        page = ContentPage.objects.get(pk=page.pk)
        started = time.perf_counter()
        index.insert_or_update_object(page)
        indexing.append((time.perf_counter() - started) * 1000)
    publish, indexing = sorted(publish[2:]), sorted(indexing[2:])  # the first two warm up
    return {
        "publish_ms": statistics.median(publish),
        "publish_p95_ms": percentile(publish, 0.95),
        "index_ms": statistics.median(indexing),
    }


def build(pages):
    """The demo and ``pages`` generated pages, indexed: the build's figures."""
    from django.core.management import call_command

    call_command("load_demo", languages="en", no_users=True, stdout=io.StringIO())
    started = time.perf_counter()
    generate_pages(pages)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", stdout=sys.stderr)  # its progress: a dot per 1,000 objects
    indexed = time.perf_counter() - started
    return {"generate_seconds": generated, "index_seconds": indexed}


def worker(database_url, pages, runs, stats_path):
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        PAGE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    stats = Path(stats_path) if stats_path else None
    if stats and stats.exists() and Page.objects.filter(slug="bench").exists():
        built = json.loads(stats.read_text())
    else:
        built = build(pages)
        if stats:
            stats.write_text(json.dumps(built))
    from django.db import connection

    if connection.vendor == "postgresql":
        # Every table, not only the index: with no statistics on the 10,000 pages
        # inserted in bulk, the planner took the language's pages for a handful and
        # ran the title match once a page (2.7 s instead of 19 ms for 「相談」).
        # autovacuum would get there; a benchmark should not wait for it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "pages": Page.objects.filter(depth__gt=1).count(),
        **built,
        "index_bytes": index_size(),
        "queries": time_queries(runs),
        **time_publish(),
        "load_average": os.getloadavg()[0],
    }


# In the main process: one worker per database.


def postgres_database(url, name):
    """A database called ``name`` on the server of ``url``, made if missing: (its URL, a function that drops it)."""
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return parts._replace(path=f"/{name}").geturl(), drop


def run_worker(database_url, args, stats_path=""):
    command = [sys.executable, __file__, "--worker", database_url, "--stats", str(stats_path)]
    command += ["--pages", str(args.pages), "--runs", str(args.runs)]
    output = subprocess.run(
        command, check=True, stdout=subprocess.PIPE, stderr=None, text=True, cwd=ROOT
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def _number(value):
    return "–" if value is None else f"{value:.1f}"


def report(results, args):
    lines = [
        f"### {args.pages:,} generated pages",
        "",
        f"Latest output of `scripts/bench_search.py --pages {args.pages}`: the demo plus "
        f"{args.pages:,} generated content pages (half Japanese, half English), the search page "
        f"requested in-process through Django's test client, {args.runs} times per query after "
        f"3 warm-up requests, on {os.cpu_count()} cores. Latency is the whole page: the "
        "searches, ranking, snippets and template; CPU: the median processor time of the "
        "page in the benchmark's process (what the shared machine's load does not inflate; "
        "the database server's work is not in it). SQL: queries for the whole page / for "
        "`query.search` alone. Search / backend: `query.search` alone, with "
        "search.postgres_fts and (every fourth run, interleaved) through modelsearch's "
        "PostgreSQL backend as it is. The machine is shared: its load average when the "
        "timings ended is given, as timings grow with it.",
        "",
    ]
    for database, result in results.items():
        size = f"{result['index_bytes'] / 1e6:.1f} MB" if result["index_bytes"] else "not measured"
        if result.get("index_seconds") is None:  # a copied database: see its build's note
            built = result.get("note", "build not measured")
        else:
            built = (
                f"bulk insert {result['generate_seconds']:.0f} s, "
                f"`update_index` {result['index_seconds']:.0f} s"
            )
        lines += [
            f"**{database}**: {result['pages']:,} pages; {built}, search index {size}; "
            f"publishing one page {result['publish_ms']:.0f} ms (median; p95 "
            f"{result.get('publish_p95_ms', result['publish_ms']):.0f} ms), of which "
            f"indexing it {result['index_ms']:.0f} ms (median); load average "
            f"{result.get('load_average', os.getloadavg()[0]):.1f}.",
            "",
            "| query | results | p50 ms | p95 ms | p99 ms | CPU p50 ms | SQL "
            "| search p50 ms | backend p50 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {row['query']} | {row['results']} | {row['p50']:.1f} | {row['p95']:.1f} "
            f"| {row['p99']:.1f} | {_number(row.get('cpu_p50'))} "
            f"| {row['sql']} / {row['search_sql']} | {row['search_p50']:.1f} "
            f"| {_number(row.get('backend_p50'))} |"
            for row in result["queries"]
        ]
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the databases and reuse them")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--no-write", action="store_true", help="leave docs/benchmark.md alone")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.pages, args.runs, args.stats)))
        return

    results = {}
    workdir = Path(tempfile.gettempdir()) / "portal-bench-search"
    if not args.keep:
        workdir = Path(tempfile.mkdtemp(prefix="portal-bench-search-"))
    workdir.mkdir(exist_ok=True)
    if args.only != "postgresql":
        print("SQLite …", file=sys.stderr, flush=True)
        sqlite_file = workdir / f"{args.pages}.sqlite3"
        results["SQLite"] = run_worker(
            f"sqlite:///{sqlite_file}", args, workdir / f"{args.pages}.sqlite3.json"
        )
    if args.only != "sqlite" and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("PostgreSQL …", file=sys.stderr, flush=True)
        name = f"bench_search_{args.pages}"
        url, drop = postgres_database(os.environ["DATABASE_URL"], name)
        try:
            results["PostgreSQL"] = run_worker(url, args, workdir / f"{name}.json")
        finally:
            if not args.keep:
                drop()
    text = report(results, args)
    print(text)
    if not args.no_write:
        write_section(f"search-{args.pages}", text)


if __name__ == "__main__":
    main()
