"""Redis stopped under load, and started again: the site keeps answering, logins stay limited.

    python scripts/faults.py [--seconds 30] [--readers 20]

Production settings under gunicorn (``--workers``) on a fresh PostgreSQL
database ``portal_faults`` (FAULTS_POSTGRES_URL) with the demo, and a Redis
server of its own on a free port (never the shared one). Readers ask for
public pages the whole time; a third of the way in, Redis is stopped; while
it is away, one address tries wrong passwords until the login says "Too many
failed attempts"; two thirds of the way in, Redis starts again. Every answer
must be a 200, and the login must be limited within ``workers × limit``
attempts (each process counts on its own while Redis is away: core.throttle).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (  # noqa: E402  (next to this script)
    ROOT,
    free_port,
    production_site,
    readers,
    report_readers,
    request,
    start_gunicorn,
    stop,
)

from core.progress import print_above  # noqa: E402  (load puts the checkout on the path)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIMIT = 3


def start_redis(port, directory):
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
    )
    import redis

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=port).ping()
            return process
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server did not start")


def failed_login(base, address):
    """One wrong password from ``address``; True when the answer is the limit's message."""
    headers = {"X-Forwarded-For": address, "Accept-Language": "en"}
    status, response_headers, body = request(base, "GET", "/members/login/", headers=headers)
    cookie = "; ".join(
        v.split(";", 1)[0] for k, v in response_headers.items() if k.lower() == "set-cookie"
    )
    fields = {
        "csrfmiddlewaretoken": TOKEN.search(body.decode()).group(1),
        "username": "nobody-by-this-name",
        "password": "wrong",
    }
    status, _headers, body = request(
        base,
        "POST",
        "/members/login/",
        body=urllib.parse.urlencode(fields),
        headers=headers
        | {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": "https://127.0.0.1/members/login/",
            "Origin": "https://127.0.0.1",
        },
    )
    if status != 200:
        raise RuntimeError(f"login answered {status}")
    return "Too many failed attempts" in body.decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    redis_dir = Path(tempfile.mkdtemp(prefix="portal-faults-redis-"))
    redis_port = free_port()
    redis_server = start_redis(redis_port, redis_dir)
    database_url = os.environ.get(
        "FAULTS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_faults"
    )
    env = production_site(database_url, f"redis://127.0.0.1:{redis_port}/0", "en")
    env |= {"MEMBERS_MAX_FAILURES_PER_HOUR": str(LIMIT), "LOG_LEVEL": "WARNING"}
    server, base = start_gunicorn([sys.executable], env, ROOT, args.workers)
    failed = False
    results = {}
    try:
        load = threading.Thread(
            target=lambda: results.update(
                readers(base, seconds=args.seconds, concurrency=args.readers)
            )
        )
        load.start()
        time.sleep(args.seconds / 3)
        redis_server.terminate()
        redis_server.wait(timeout=10)
        stopped = time.monotonic()
        print_above(f"Redis stopped at {args.seconds / 3:.0f} s")
        attempts = 0
        while attempts <= LIMIT * args.workers + 1:
            attempts += 1
            if failed_login(base, "192.0.2.44"):
                break
        limited = attempts <= LIMIT * args.workers + 1
        print_above(
            f"login while Redis is away: {'limited' if limited else 'NOT limited'} at attempt "
            f"{attempts} (limit {LIMIT} per process, {args.workers} processes)"
        )
        failed |= not limited
        time.sleep(max(0.0, stopped + args.seconds / 3 - time.monotonic()))
        redis_server = start_redis(redis_port, redis_dir)
        print_above(f"Redis started again at {2 * args.seconds / 3:.0f} s")
        load.join()
        report_readers(results, args.seconds, args.readers)
        failed |= bool(results["errors"])
    finally:
        stop(server)
        redis_server.terminate()
        redis_server.wait(timeout=10)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
