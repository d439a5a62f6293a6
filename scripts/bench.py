"""Benchmark public pages: uncached, app cache, front cache and the static limit, in one run.

For each public page type it measures, with the same load generator and headers:

- **uncached**: gunicorn (2 workers, production settings, PostgreSQL, Redis)
  with the page cache off: every request rendered by Django;
- **app cache**: the same with the anonymous page cache on (core.cache);
- **front cache**: Varnish with deploy/varnish/portal.vcl in front of that
  gunicorn, run as ``scripts/stack.py`` runs it (readers' socket);
- **static**: nginx serving the same HTML, saved to files (and gzipped, as
  Varnish keeps it), the limit no cache on this machine can beat.

It prints and writes to the "pages" section of docs/benchmark.md the
requests per second of each, the ratios front/static and app/static against
the goals (≥ 50 % and ≥ 5 %), p50/p99 latency, SQL queries per page, the
page weight (the HTML and the CSS and JavaScript it loads, against 60 KB),
and the CPU time one uncached home page costs (process CPU time, robust on a
busy machine) against 8 ms, five times bakerydemo's ~48 requests/s on 2 cores.

    python scripts/bench.py [--seconds 4] [--connections 8] [--languages en] [--reuse]
    python scripts/bench.py --profile [--reuse]   # cProfile of the uncached home page only

The load comes from wrk (Debian's /usr/bin/wrk, ``WRK``) with 8 connections on
2 threads, like bakerydemo's figure; without wrk, from a Python client (slower:
it caps the fast modes). Every request sends ``Accept-Encoding: gzip`` as
browsers do. A fresh database ``portal_bench`` on the local PostgreSQL
(BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/portal_bench)
is made for each run (``--reuse`` keeps the last one), and Redis database 15
(BENCH_REDIS_URL) holds the cache.
"""

import argparse
import contextlib
import cProfile
import gzip
import http.client
import io
import os
import pstats
import re
import secrets
import shutil
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
from stack import start_varnish  # noqa: E402
from tqdm import tqdm  # noqa: E402

# The public page types of tests/test_queries.py that the caches keep (a search is never kept).
PAGES = {
    "home": "/ja/",
    "section": "/ja/consultation/",
    "content page": "/ja/network/about/",
    "consultation window": "/ja/consultation/one-stop/",
    "topic": "/ja/topics/dv/",
    "news index": "/ja/news/",
    "news item": "/ja/news/network-launch/",
    "events index": "/ja/events/",
    "event page": "/ja/events/gatekeeper-training/",
    "FAQ": "/ja/faq/",
    "help finder": "/ja/help-finder/",
    "organizations roster": "/ja/network/organizations/",
    "accessibility statement": "/ja/accessibility/",
}
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
MODES = ("uncached", "app cache", "front cache", "static")
WRK = os.environ.get("WRK") or shutil.which("wrk") or "/usr/bin/wrk"
NGINX = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"

GOAL_FRONT = 0.50  # of the static limit
GOAL_APP = 0.05
GOAL_WEIGHT = 60 * 1024  # HTML + CSS + JS, bytes
GOAL_CPU_MS = 8.0  # uncached home page: 5 × bakerydemo's ~48 requests/s on 2 cores
TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=HEADERS):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read()


def wait_for(url, process, what):
    deadline = time.monotonic() + 90
    while True:
        try:
            fetch(url)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.3)


# Load


def _seconds(text):
    """wrk's durations: 650.00us, 3.21ms, 1.57s, 1.02m, 1.00h."""
    value, unit = re.fullmatch(r"([\d.]+)([a-z]*)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1, "": 1, "m": 60, "h": 3600}[unit]


def load_wrk(url, seconds, connections):
    """requests, requests/s, p50 ms, p99 ms with wrk; errors are refused."""
    headers = [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    threads = min(2, connections)
    out = subprocess.run(  # noqa: S603
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s"]
        + ["--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or re.search(r"Socket errors: .*[1-9]", out):
        raise RuntimeError(f"{url}: errors under load\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _seconds(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)) * 1000
    p99 = _seconds(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)) * 1000
    return requests, rps, p50, p99


def load_python(url, seconds, connections):
    """The same with threads and keep-alive connections, when wrk is missing."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    path = url.split(port, 1)[1]
    latencies, lock = [], threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        mine, connection = [], None
        while time.monotonic() < stop:
            started = time.perf_counter()
            if connection is None:
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            if response.will_close:
                connection.close()
                connection = None
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies), len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


def cpu_seconds(pid):
    """User + system CPU time of a process and its children (gunicorn's workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    total = 0
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


# Servers


def start_gunicorn(env, port):
    process = subprocess.Popen(  # noqa: S603
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}"),
            *("-w", "2", "--access-logfile", "/dev/null", "--error-logfile", "-"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz", process, "gunicorn")
    return process


NGINX_CONF = """\
worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    types {{ text/html html; }}
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {work}/html;
        gzip_static on;
        etag off;
    }}
}}
"""


def start_nginx(work, port, pages):
    """nginx serving each page's saved HTML (index.html, and .gz beside it)."""
    for path, html in pages.items():
        folder = work / "html" / path.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_bytes(html)
        (folder / "index.html.gz").write_bytes(gzip.compress(html, 6))
    for folder in [work, *work.rglob("*")]:  # nginx's workers run as nobody
        folder.chmod(0o755 if folder.is_dir() else 0o644)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, port=port))
    process = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(work), "-c", str(conf)], stderr=subprocess.PIPE
    )
    wait_for(f"http://127.0.0.1:{port}{next(iter(pages))}", process, "nginx")
    return process


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# In-process measures: queries, CPU, profile


def in_process(env, pages, renders=40, profile=None):
    """SQL queries per page uncached and cached, and the CPU time of uncached home
    renders, through Django's test client with the benchmark's settings."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1")
    counts = {}
    cache.clear()
    for name, path in pages.items():
        settings.PAGE_CACHE_SECONDS = 0
        client.get(path)  # warms Wagtail's site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        uncached = len(queries)
        settings.PAGE_CACHE_SECONDS = 600
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[name] = (uncached, len(queries))

    settings.PAGE_CACHE_SECONDS = 0
    home = pages["home"]
    times = []
    for _ in tqdm(range(renders), desc="CPU per home page", disable=None, file=sys.stderr):
        started = time.process_time()
        client.get(home)
        times.append((time.process_time() - started) * 1000)
    if profile:
        print(f"CPU per uncached home page: {statistics.median(times):.1f} ms (median)")
        profiler = cProfile.Profile(time.process_time)  # CPU time: robust on a busy machine
        profiler.enable()
        for _ in range(renders):
            client.get(home)
        profiler.disable()
        profiler.dump_stats(profile)
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        print(text.getvalue())
    return counts, statistics.median(times)


# The run


def page_weight(base, html):
    """HTML + the CSS and JavaScript it loads: (bytes, bytes gzipped as sent)."""
    assets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html.decode())
    assets += re.findall(r'<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"', html.decode())
    assets += re.findall(r'<script[^>]*src="([^"]+)"', html.decode())
    raw, sent = len(html), len(gzip.compress(html, 6))
    for asset in dict.fromkeys(assets):
        url = asset if asset.startswith("http") else base + asset
        raw += len(fetch(url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}))
        sent += len(fetch(url))  # whitenoise's compressed copy
    return raw, sent


def prepare(env, languages, reuse):
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # the benchmark's own database
    manage = [sys.executable, "manage.py"]
    steps = [[*manage, "migrate", "-v0"]]
    if not reuse:
        steps.append([*manage, "load_demo", f"--languages={languages}", "--no-users"])
    steps.append([*manage, "collectstatic", "--noinput", "-v0"])
    for step in tqdm(steps, desc="Preparing", disable=None, file=sys.stderr):
        subprocess.run(step, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def database(url, reuse):
    """The benchmark's own database: made again unless ``reuse`` and it exists."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and reuse:
            return url, True
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url, False


def ratio_mark(value, goal):
    return f"{value:.0%} {'✓' if value >= goal else '✗'}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--languages", default="en")
    parser.add_argument("--reuse", action="store_true", help="keep the last run's database")
    parser.add_argument("--profile", action="store_true", help="profile the home page only")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    url, reused = database(
        os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"),
        args.reuse,
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "TRUSTED_PROXY_COUNT": "0",
        "LOG_LEVEL": "ERROR",
    }
    load_before = os.getloadavg()
    prepare(env, args.languages, reused)
    if args.profile:
        in_process(env, {"home": PAGES["home"]}, renders=40, profile=work / "home.prof")
        print(f"Profile: {work / 'home.prof'}")
        return

    use_wrk = Path(WRK).exists()
    load = load_wrk if use_wrk else load_python
    results = {}  # (page, mode) -> (requests, rps, p50, p99)
    saved, cpu = {}, {}  # cpu: (page, mode) -> the server's CPU seconds per request
    processes = []
    try:
        uncached = start_gunicorn(env | {"PAGE_CACHE_SECONDS": "0"}, free_port())
        processes.append(uncached)
        port = int(uncached.args[uncached.args.index("-b") + 1].rsplit(":", 1)[1])
        base = f"http://127.0.0.1:{port}"
        pages = {}
        for name, path in PAGES.items():
            try:
                saved[path] = fetch(base + path, headers=HEADERS | {"Accept-Encoding": "identity"})
                pages[name] = path
            except urllib.error.HTTPError as error:
                print(f"Left out: {name} ({path}) answered {error.code}", file=sys.stderr)
        weights = {name: page_weight(base, saved[path]) for name, path in pages.items()}

        steps = [(mode, name) for mode in MODES for name in pages]
        bar = tqdm(steps, desc="Measuring", disable=None, file=sys.stderr)
        current = None
        for mode, name in bar:
            bar.set_postfix_str(f"{mode}: {name}")
            if mode != current:
                if mode == "app cache":
                    stop(processes.pop())
                    cached = start_gunicorn(env | {"PAGE_CACHE_SECONDS": "600"}, free_port())
                    processes.append(cached)
                    port = int(cached.args[cached.args.index("-b") + 1].rsplit(":", 1)[1])
                    base = f"http://127.0.0.1:{port}"
                elif mode == "front cache":
                    readers, control = free_port(), free_port()
                    varnish = start_varnish(work, port, readers, control, stderr=subprocess.DEVNULL)
                    processes.append(varnish)
                    base = f"http://127.0.0.1:{readers}"
                    wait_for(base + "/healthz", varnish, "varnishd")
                elif mode == "static":
                    stop(processes.pop())  # Varnish
                    stop(processes.pop())  # gunicorn: nothing else runs beside nginx
                    static_port = free_port()
                    processes.append(start_nginx(work, static_port, saved))
                    base = f"http://127.0.0.1:{static_port}"
                current = mode
            url = base + pages[name]
            fetch(url)  # warms the code path, or the cache
            # Every server running (gunicorn; Varnish and gunicorn; nginx), not the load generator.
            cpu_before = sum(cpu_seconds(process.pid) for process in processes)
            results[name, mode] = load(url, args.seconds, args.connections)
            used = sum(cpu_seconds(process.pid) for process in processes) - cpu_before
            cpu[name, mode] = max(used, 1 / TICK) / max(results[name, mode][0], 1)
    finally:
        for process in reversed(processes):
            stop(process)

    counts, cpu_in_process = in_process(env, pages)
    load_after = os.getloadavg()
    report(args, pages, results, cpu, counts, weights, cpu_in_process, use_wrk,
           (load_before, load_after))  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


def report(args, pages, results, cpu, counts, weights, cpu_in_process, use_wrk, loads):
    client = (
        f"wrk, {args.connections} connections on 2 threads"
        if use_wrk
        else f"a Python client, {args.connections} connections (wrk missing: the fast modes are capped by it)"
    )
    (before, after) = loads
    header = (
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores; "
        f"load average {before[0]:.1f} when it began, {after[0]:.1f} when it ended "
        "(the machine is shared: figures fall as the load rises). "
        f"Load from {client}, {args.seconds:g} s per page and mode, `Accept-Encoding: gzip`. "
        "Uncached and app cache: gunicorn, 2 workers, production settings, PostgreSQL, Redis. "
        "Front cache: Varnish with deploy/varnish/portal.vcl in front of the app-cache gunicorn. "
        "Static: nginx serving the same HTML saved to a file (gzipped beside it), the limit.\n\n"
    )
    table = (
        "Capacity from the servers' CPU time per request (robust on a busy machine: a "
        "quiet one serves about cores ÷ CPU time a second); the ratios are the static "
        "limit's CPU time per request over each cache's (Django's, Varnish's or nginx's processes; not PostgreSQL's or Redis's):\n\n"
        "| page | uncached µs | app cache µs | front cache µs | static µs "
        "| front / static | app / static | SQL | weight KB (gzip) |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    for name in pages:
        used = {mode: cpu[name, mode] * 1e6 for mode in MODES}
        raw, sent = weights[name]
        table += (
            f"| {name} | {used['uncached']:,.0f} | {used['app cache']:,.0f} "
            f"| {used['front cache']:,.0f} | {used['static']:,.0f} "
            f"| {ratio_mark(used['static'] / used['front cache'], GOAL_FRONT)} "
            f"| {ratio_mark(used['static'] / used['app cache'], GOAL_APP)} "
            f"| {counts[name][0]} / {counts[name][1]} "
            f"| {raw / 1024:.1f} ({sent / 1024:.1f}) {'✓' if raw <= GOAL_WEIGHT else '✗'} |\n"
        )
    table += (
        "\nThroughput measured (requests/s: on a busy machine the fast modes mostly "
        "measure what the others running leave them):\n\n"
        "| page | uncached | app cache | front cache | static | front / static | app / static |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
    )
    for name in pages:
        rps = {mode: results[name, mode][1] for mode in MODES}
        table += (
            f"| {name} | {rps['uncached']:,.0f} | {rps['app cache']:,.0f} "
            f"| {rps['front cache']:,.0f} | {rps['static']:,.0f} "
            f"| {rps['front cache'] / rps['static']:.0%} | {rps['app cache'] / rps['static']:.0%} |\n"
        )
    latency = (
        "\nLatency, p50 / p99 ms:\n\n| page | uncached | app cache | front cache | static |\n"
        "|---|---:|---:|---:|---:|\n"
    )
    for name in pages:
        latency += (
            f"| {name} | "
            + " | ".join(f"{results[name, m][2]:.1f} / {results[name, m][3]:.1f}" for m in MODES)
            + " |\n"
        )
    cpu_line = (
        f"\nCPU per uncached home page: **{cpu_in_process:.1f} ms** rendering in one process "
        f"(median of 40, Django's test client) and **{cpu['home', 'uncached'] * 1000:.1f} ms** of gunicorn's "
        f"workers' CPU time per request under load; target {GOAL_CPU_MS:g} ms "
        f"{'✓' if cpu_in_process <= GOAL_CPU_MS else '✗'} "
        "(five times bakerydemo's ~48 requests/s on 2 cores).\n"
    )
    goals = (
        f"\nGoals: front cache ≥ {GOAL_FRONT:.0%} of the static limit, app cache ≥ {GOAL_APP:.0%}, "
        f"page weight (HTML + CSS + JS, uncompressed) ≤ {GOAL_WEIGHT // 1024} KB. "
        "SQL: queries per page uncached / from the app cache.\n"
    )
    body = header + table + goals + latency + cpu_line
    print(body)
    if not args.no_write:
        write_section(
            "pages-latest", "### Latest run of `scripts/bench.py`\n\n" + body, inside="pages"
        )
        print(f"Written to {BENCHMARK_MD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
