"""Search latency on a site with 10,000 pages, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Each database is a temporary one made for the run: a SQLite file, and a
database created (and dropped afterwards) on the PostgreSQL server that
DATABASE_URL points to. In it: the demo in Japanese and English, plus
--pages content pages (half Japanese, half English, made of the demo's
paragraphs in random order) inserted in bulk and indexed with Wagtail's
``update_index``. The search page is then requested in-process through
Django's test client for a handful of queries; results go to stdout and the
"search" section of docs/benchmark.md.

    python scripts/bench_search.py [--pages 10000] [--runs 40]
"""

import argparse
import io
import json
import os
import random
import secrets
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
            for page in pages:
                body = [
                    {"type": "paragraph", "value": text, "id": str(uuid.uuid4())}
                    for text in rng.sample(paragraphs, 3)
                ]
                lead = rng.choice(specs).get("lead", "")
                ContentPage(page_ptr=page, lead=lead, body=body).save_base(
                    raw=True, force_insert=True
                )
            Page.objects.filter(pk=section.pk).update(numchild=share, live=True)


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


def time_queries(runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from search import query
    from search.views import public_pages

    client = Client()
    rows = []
    for language, text in QUERIES:
        url = f"/{language}/search/?q={quote(text)}"
        for _ in range(3):  # warm Wagtail's caches and the database's
            response = client.get(url)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url  # noqa: S101
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        locale = Locale.objects.get(language_code=language)
        count = len(query.search(public_pages(locale), text))
        timings.sort()
        rows.append(
            {
                "query": f"{language}: {text}",
                "results": count,
                "p50": statistics.median(timings),
                "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
                "sql": len(queries),
            }
        )
    return rows


def worker(database_url, pages, runs):
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
    call_command("load_demo", languages="en", no_users=True, stdout=io.StringIO())
    started = time.perf_counter()
    generate_pages(pages)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    indexed = time.perf_counter() - started
    return {
        "pages": Page.objects.filter(depth__gt=1).count(),
        "generate_seconds": generated,
        "index_seconds": indexed,
        "index_bytes": index_size(),
        "queries": time_queries(runs),
    }


# In the main process: one worker per database.


def postgres_database(url):
    """A new database on the server of ``url``: (its URL, a function that drops it)."""
    import psycopg

    parts = urlsplit(url)
    name = f"portal_bench_search_{secrets.token_hex(4)}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return parts._replace(path=f"/{name}").geturl(), drop


def run_worker(database_url, args):
    command = [sys.executable, __file__, "--worker", database_url]
    command += ["--pages", str(args.pages), "--runs", str(args.runs)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def report(results, args):
    lines = [
        "## Search",
        "",
        f"Latest output of `scripts/bench_search.py`: the demo plus {args.pages:,} generated "
        "content pages (half Japanese, half English), the search page requested in-process "
        f"through Django's test client, {args.runs} times per query after 3 warm-up requests, "
        f"on {os.cpu_count()} cores. Latency is the whole page: the searches (every term, then "
        "any term), ranking, snippets and template.",
        "",
    ]
    for database, result in results.items():
        size = f"{result['index_bytes'] / 1e6:.1f} MB" if result["index_bytes"] else "not measured"
        lines += [
            f"**{database}**: {result['pages']:,} pages; bulk insert "
            f"{result['generate_seconds']:.0f} s, `update_index` {result['index_seconds']:.0f} s, "
            f"search index {size}.",
            "",
            "| query | results (≤ 200 a search) | p50 ms | p99 ms | SQL queries |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {row['query']} | {row['results']} | {row['p50']:.1f} | {row['p99']:.1f} | {row['sql']} |"
            for row in result["queries"]
        ]
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.pages, args.runs)))
        return

    results = {}
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-search-"))
    print("SQLite …", file=sys.stderr, flush=True)
    results["SQLite"] = run_worker(f"sqlite:///{workdir / 'bench.sqlite3'}", args)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("PostgreSQL …", file=sys.stderr, flush=True)
        url, drop = postgres_database(os.environ["DATABASE_URL"])
        try:
            results["PostgreSQL"] = run_worker(url, args)
        finally:
            drop()
    text = report(results, args)
    print(text)
    write_section("search", text)


if __name__ == "__main__":
    main()
