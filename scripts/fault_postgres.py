"""PostgreSQL restarted while people apply: the site recovers by itself and loses no application.

    python scripts/fault_postgres.py [--seconds 30] [--senders 10] [--down 5]

Production settings under gunicorn (``--workers``) against a PostgreSQL
cluster of its own (Debian's ``pg_createcluster`` on a free port, removed
afterwards; never the shared server), the demo in English, Redis database 11.
Sign-up applications are sent the whole time, each once and never retried; a
third of the way in the cluster stops for ``--down`` seconds and starts again.
gunicorn is never restarted.

Passes when every application the site confirmed (the redirect to the thanks
page) is stored, nothing is stored twice, nothing is stored that the site did
not confirm or that was not sent, and after the restart every public page
answers 200 again. Answers during the outage may be errors: the count of
each kind is reported.
"""

import argparse
import collections
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (  # noqa: E402  (next to this script)
    APPLICATION_PREFIX,
    READER_PATHS,
    ROOT,
    apply,
    free_port,
    production_site,
    request,
    start_gunicorn,
    stop,
)


def cluster_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def create_cluster(version, name, port):
    subprocess.run(  # noqa: S603
        ["pg_createcluster", version, name, "--port", str(port), "--", "--auth=trust"],  # noqa: S607
        check=True,
        stdout=subprocess.DEVNULL,
    )
    ctl(version, name, "start")


def ctl(version, name, action, *options):
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action, *options],  # noqa: S607
        check=True,
    )


def drop_cluster(version, name):
    subprocess.run(  # noqa: S603
        ["pg_dropcluster", "--stop", version, name],  # noqa: S607
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stored(database_url, run):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT name FROM members_application WHERE name LIKE %s",
                [f"{APPLICATION_PREFIX} {run} #%"],
            )
        ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--senders", type=int, default=10)
    parser.add_argument("--down", type=float, default=5)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    version, name, port = cluster_version(), f"faults{secrets.token_hex(3)}", free_port()
    database_url = f"postgres://postgres@127.0.0.1:{port}/portal_faults"
    print(
        f"Preparing: PostgreSQL {version} cluster '{name}' on port {port}, the demo …", flush=True
    )
    create_cluster(version, name, port)
    server = None
    failed = False
    try:
        env = production_site(database_url, "redis://127.0.0.1:6379/11", "en")
        server, base = start_gunicorn([sys.executable], env, ROOT, args.workers)
        run = secrets.token_hex(3)
        confirmed, answers, lock = set(), collections.Counter(), threading.Lock()
        counter = iter(range(10**6))
        deadline = time.monotonic() + args.seconds

        def sender():
            while time.monotonic() < deadline:
                with lock:
                    index = next(counter)
                try:
                    problem = apply(base, index, run)
                except (OSError, AttributeError) as error:
                    problem = error.__class__.__name__
                with lock:
                    answers[problem or "confirmed"] += 1
                    if not problem:
                        confirmed.add(f"{APPLICATION_PREFIX} {run} #{index:05d}")

        threads = [threading.Thread(target=sender) for _ in range(args.senders)]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 3)
        ctl(version, name, "stop", "--", "-m", "fast")
        print(f"PostgreSQL stopped at {args.seconds / 3:.0f} s for {args.down:.0f} s", flush=True)
        time.sleep(args.down)
        ctl(version, name, "start")
        print("PostgreSQL started again", flush=True)
        for thread in threads:
            thread.join()
        sent = sum(answers.values())

        rows = stored(database_url, run)
        lost = confirmed - set(rows)
        doubled = [row for row, count in collections.Counter(rows).items() if count > 1]
        print(
            f"applications: {sent} sent by {args.senders} clients in {args.seconds:.0f} s; "
            f"answers: {dict(answers)}; {len(rows)} stored, {len(confirmed)} confirmed, "
            f"{len(lost)} confirmed but lost, {len(doubled)} stored twice"
        )
        failed |= bool(lost) or bool(doubled) or len(rows) > sent or not confirmed

        after = {path: request(base, "GET", path)[0] for path in READER_PATHS}
        print(f"after the restart, without restarting gunicorn: {after}")
        failed |= any(status != 200 for status in after.values())
    finally:
        if server is not None:
            stop(server)
        drop_cluster(version, name)
    print("FAILED" if failed else "passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
