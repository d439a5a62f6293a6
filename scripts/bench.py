"""Benchmark public pages under gunicorn with production settings, on 127.0.0.1.

For the home page, a consultation window, a topic page and the news list it
reports requests per second, p50/p99 latency, SQL queries and bytes per page,
with the page cache off ("cold") and on ("cached"). Results go to stdout and
the "pages" section of docs/benchmark.md.

    python scripts/bench.py [--seconds 5] [--concurrency 4] [--languages en]

Production settings need PostgreSQL and Redis: a fresh database
``portal_bench`` on the local server (BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/portal_bench) is made for each run, and
Redis database 15 (BENCH_REDIS_URL) holds the cache.
"""

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_doc import BENCHMARK_MD, write_section  # noqa: E402  (next to this script)

PAGES = {
    "home": "/ja/",
    "consultation window": "/ja/consultation/one-stop/",
    "topic": "/ja/topics/dv/",
    "news list": "/ja/news/",
}
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read()


def load(url, seconds, concurrency):
    latencies = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            fetch(url)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


def start_gunicorn(env, port):
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(f"http://127.0.0.1:{port}/healthz")
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def query_counts(env):
    """SQL queries per page, cold and cached, measured in-process with the same settings."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1")
    counts = {}
    cache.clear()
    for name, path in PAGES.items():
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            runs.append((len(queries), len(response.content)))
        counts[name] = runs
    return counts


def fresh_database(url):
    """Drop and create the benchmark's own database; returns its URL."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--languages", default="en")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": fresh_database(
            os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "LOG_LEVEL": "ERROR",
    }
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # the benchmark's own database
    manage = [sys.executable, "manage.py"]
    print("Preparing: migrate, demo content, static files …", flush=True)
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "load_demo", f"--languages={args.languages}", "--no-users"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603

    rows = []
    counts = query_counts(env)
    for mode, cache_seconds in (("cold", "0"), ("cached", "600")):
        port = free_port()
        server = start_gunicorn(env | {"PAGE_CACHE_SECONDS": cache_seconds}, port)
        try:
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{port}{path}"
                fetch(url)  # warm the code path (and the cache, in cached mode)
                rps, p50, p99 = load(url, args.seconds, args.concurrency)
                queries, size = counts[name][0 if mode == "cold" else 1]
                rows.append((name, mode, rps, p50, p99, queries, size))
        finally:
            server.terminate()
            server.wait(timeout=10)

    database = env["DATABASE_URL"].split(":", 1)[0]
    header = (
        f"Gunicorn, 2 workers, production settings, {database}, Redis cache, "
        f"{args.concurrency} concurrent clients for {args.seconds:g} s per page, on {os.cpu_count()} cores.\n\n"
        "| page | cache | requests/s | p50 ms | p99 ms | SQL queries | bytes |\n"
        "|---|---|---:|---:|---:|---:|---:|\n"
    )
    table = header + "".join(
        f"| {n} | {m} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {q} | {b:,} |\n"
        for n, m, rps, p50, p99, q, b in rows
    )
    print(table)
    write_section(
        "pages",
        "## Pages\n\nLatest output of `scripts/bench.py`. “cold” serves every request from "
        "Django and the database; “cached” is the anonymous page cache.\n\n" + table,
    )
    out = BENCHMARK_MD
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
