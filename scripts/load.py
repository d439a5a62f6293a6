"""Load on gunicorn with production settings: many readers at once, and a rush of sign-ups.

    python scripts/load.py [--seconds 60] [--readers 100] [--applications 1000]

1. ``--readers`` concurrent readers for ``--seconds`` seconds, each asking in
   turn for the public pages below (the page cache on, as in production):
   every answer must be a 200, and none may fail or time out.
2. ``--applications`` sign-up applications sent by ``--senders`` concurrent
   clients, each from its own address (X-Forwarded-For, one trusted proxy)
   and under its own name: afterwards the database must hold exactly that
   many, none lost and none twice.

The site: a fresh PostgreSQL database ``portal_load`` (LOAD_POSTGRES_URL) with
the demo (``--languages``, default en), Redis database 10 (LOAD_REDIS_URL),
gunicorn on a free port of 127.0.0.1 (``--workers``). Figures go to stdout;
docs/operations.md keeps the latest. ``tests/test_wheel.py`` runs the same two
loads, shorter, against the site installed from the wheel.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.progress import join_timed, progress  # noqa: E402

READER_PATHS = (
    "/en/",
    "/ja/",
    "/en/topics/dv/",
    "/en/consultation/one-stop/",
    "/en/news/",
    "/en/faq/",
    "/en/network/organizations/",
    "/en/search/?q=shelter",
)
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
APPLICATION_PREFIX = "Load test organization"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLEDGE = re.compile(r'name="pledge_shown" value="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, method, path, *, body=None, headers=None, timeout=30):
    """(status, headers, body) over a new connection; cookies are the caller's business
    (the site's are Secure, and this is plain HTTP on 127.0.0.1)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=HEADERS | (headers or {}))
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def readers(base, *, seconds, concurrency, paths=READER_PATHS):
    """Readers asking for public pages in turn; returns the counts and latencies."""
    latencies, failures = [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def reader(offset):
        mine, wrong = [], []
        turn = offset
        while time.monotonic() < stop:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            try:
                status, _headers, _body = request(base, "GET", path)
            except OSError as error:
                wrong.append(f"{path}: {error.__class__.__name__}")
                continue
            if status != 200:
                wrong.append(f"{path}: {status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            failures.extend(wrong)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(concurrency)]
    began = time.monotonic()
    join_timed(threads, seconds, f"{concurrency} readers")
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "requests": len(latencies) + len(failures),
        "errors": failures,
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else None,
    }


def apply(base, index, run):
    """One application: the form (for its CSRF token and session), then the POST."""
    address = f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"
    forwarded = {"X-Forwarded-For": address, "Accept-Language": "en"}
    status, headers, body = request(base, "GET", "/en/join/apply/", headers=forwarded)
    if status != 200:
        return f"form {status}"
    html = body.decode()
    cookie = "; ".join(
        value.split(";", 1)[0] for key, value in headers.items() if key.lower() == "set-cookie"
    )
    fields = {
        "csrfmiddlewaretoken": TOKEN.search(html).group(1),
        "name": f"{APPLICATION_PREFIX} {run} #{index:05d}",
        "kind": "npo",
        "address": "埼玉県上尾市本町1-2-3",
        "contact_name": "山本 花子",
        "email": f"load-{run}-{index}@example.jp",
        "phone": "048-000-1234",
        "offers": "posters",
        "offers_other": "",
        "pledge": "on",
        "pledge_shown": PLEDGE.search(html).group(1),
        "website": "",
    }
    status, headers, _body = request(
        base,
        "POST",
        "/en/join/apply/",
        body=urllib.parse.urlencode(fields),
        headers=forwarded
        | {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": "https://127.0.0.1/en/join/apply/",
            "Origin": "https://127.0.0.1",
        },
    )
    if status != 302 or "/join/apply/thanks/" not in headers.get("Location", ""):
        return f"post {status}"
    return None


def applications(base, *, count, concurrency, run):
    """Send ``count`` applications over ``concurrency`` clients; each is sent once, never retried."""
    failures = []
    lock = threading.Lock()
    next_index = iter(range(count))
    bar = progress(total=count, desc="applications", unit=" sent")

    def sender():
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            try:
                problem = apply(base, index, run)
            except (OSError, AttributeError) as error:
                problem = error.__class__.__name__
            with lock:
                bar.update()
                if problem:
                    failures.append(f"#{index}: {problem}")

    began = time.monotonic()
    threads = [threading.Thread(target=sender) for _ in range(concurrency)]
    with bar:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {"sent": count, "errors": failures, "seconds": time.monotonic() - began}


def stored_applications(database_url, run):
    """(applications stored for this run, how many distinct names among them)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT count(*), count(DISTINCT name) FROM members_application WHERE name LIKE %s",
            [f"{APPLICATION_PREFIX} {run} #%"],
        ).fetchone()


def start_gunicorn(command, env, cwd, workers):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            *command,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up")
        try:
            if request(base, "GET", "/healthz")[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(process):
    """gunicorn's graceful stop, then a kill if its workers are still busy after 40 s."""
    process.terminate()
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fresh_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def production_site(database_url, redis_url, languages):
    """Environment for production settings on a fresh database with the demo, prepared."""
    import redis

    workdir = Path(tempfile.mkdtemp(prefix="portal-load-"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": fresh_database(database_url),
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "ERROR",
    }
    redis.Redis.from_url(redis_url).flushdb()
    manage = [sys.executable, "manage.py"]
    for step in (
        ["migrate", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo", f"--languages={languages}", "--no-users"],
    ):
        # Each command draws its own bars on a terminal (load_demo's pages and languages).
        print(f"Preparing: {step[0]} …", flush=True)
        subprocess.run(  # noqa: S603
            [*manage, *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return env


def report_readers(result, seconds, concurrency):
    print(
        f"readers: {concurrency} for {seconds:.0f} s: {result['requests']} requests, "
        f"{len(result['errors'])} errors, {result['per_second']:.0f}/s, "
        f"p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms"
    )
    for error in result["errors"][:10]:
        print(f"  {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--languages", default="en")
    args = parser.parse_args()

    database_url = os.environ.get(
        "LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_load"
    )
    redis_url = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/10")
    env = production_site(database_url, redis_url, args.languages)
    server, base = start_gunicorn([sys.executable], env, ROOT, args.workers)
    failed = False
    try:
        for path in READER_PATHS:  # warm the page cache, as a running site has it
            request(base, "GET", path)
        result = readers(base, seconds=args.seconds, concurrency=args.readers)
        report_readers(result, args.seconds, args.readers)
        failed |= bool(result["errors"])

        run = secrets.token_hex(3)
        sent = applications(base, count=args.applications, concurrency=args.senders, run=run)
        stored, distinct = stored_applications(database_url, run)
        print(
            f"applications: {sent['sent']} sent by {args.senders} clients in "
            f"{sent['seconds']:.1f} s, {len(sent['errors'])} errors; "
            f"{stored} stored, {distinct} distinct"
        )
        for error in sent["errors"][:10]:
            print(f"  {error}")
        failed |= bool(sent["errors"]) or stored != args.applications or distinct != stored
    finally:
        stop(server)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
