"""The whole stack on 127.0.0.1, for trying and measuring: Varnish in front of
gunicorn with production settings and the demo site (``make stack``).

    python scripts/stack.py [--port 8080] [--fresh] [--languages ja-x-easy,en,…]

- Varnish runs deploy/varnish/portal.vcl as shipped (only the backend's port
  and the health probe's Host differ) on PORT (readers) and a second,
  control port (PURGE and BAN from the site, X-Cache for you).
- gunicorn (2 workers) behind it on a free port, production settings, with
  PostgreSQL ``portal_stack`` on 127.0.0.1:5432 (``STACK_POSTGRES_URL``),
  created when missing (``--fresh`` makes it again), and Redis database 14
  (``STACK_REDIS_URL``), emptied at each start.
- migrate, collectstatic, load_demo (the demo accounts are printed), then the
  addresses. Plain HTTP on 127.0.0.1: no TLS redirect, no HSTS.

Ctrl-C stops everything. Files (static, uploads, Varnish's work directory)
stay in <tmp>/portal-stack.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "portal.vcl"
VARNISHD = os.environ.get("VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
POSTGRES_URL = os.environ.get(
    "STACK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_stack"
)
REDIS_URL = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/14")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def database(url, fresh):
    """Create the stack's database when missing (again with --fresh)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created the database {name}.")
    return url


def wait_until_it_answers(url, process, what):
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - 127.0.0.1
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{what} did not start.") from None
            time.sleep(0.3)


def vcl_for(site_port):
    """The shipped VCL with gunicorn on ``site_port`` as its backend."""
    return (
        VCL.read_text()
        .replace('.port = "8000";', f'.port = "{site_port}";')
        .replace("Host: portal.example.jp", "Host: 127.0.0.1")
    )


def start_varnish(work, site_port, readers_port, control_port, **popen):
    """varnishd in the foreground with the shipped VCL (its work files in ``work``)."""
    vcl = work / "portal.vcl"
    vcl.write_text(vcl_for(site_port))
    return subprocess.Popen(  # noqa: S603
        [
            *(VARNISHD, "-F", "-j", "none", "-n", str(work / "varnish")),
            *("-a", f"readers=127.0.0.1:{readers_port}", "-a", f"control=127.0.0.1:{control_port}"),
            *("-f", str(vcl), "-s", "malloc,256m"),
        ],
        **({"stdout": subprocess.DEVNULL} | popen),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)))
    parser.add_argument("--fresh", action="store_true", help="drop and create the database")
    parser.add_argument("--languages", default="", help="load_demo --languages (default: all)")
    args = parser.parse_args()

    if not Path(VARNISHD).exists():
        raise SystemExit(f"varnishd not found ({VARNISHD}): apt-get install varnish")
    if not port_is_free(args.port):
        raise SystemExit(f"Port {args.port} is taken: PORT=… make stack")
    work = Path(tempfile.gettempdir()) / "portal-stack"
    work.mkdir(exist_ok=True)
    site, control = free_port(), free_port()
    address = f"http://127.0.0.1:{args.port}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"{address},http://localhost:{args.port}",
        "WAGTAILADMIN_BASE_URL": address,
        "DATABASE_URL": database(POSTGRES_URL, args.fresh),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "portal-stack",
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{control}",
        "TRUSTED_PROXY_COUNT": "1",  # Varnish adds the reader's address
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
    }
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # the stack's own Redis database
    manage = [sys.executable, "manage.py"]
    # Varnish is not up yet: building the demo tells it nothing.
    building = {k: v for k, v in env.items() if k != "FRONTEND_CACHE_URL"}
    print("Preparing: migrate, static files, demo content …", flush=True)
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=building, check=True)  # noqa: S603
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=building, check=True
    )  # noqa: S603
    demo = [*manage, "load_demo"] + ([f"--languages={args.languages}"] if args.languages else [])
    subprocess.run(demo, cwd=ROOT, env=building, check=True)  # noqa: S603

    processes = []
    try:
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                *(sys.executable, "-m", "gunicorn", "portal.wsgi"),
                *("-b", f"127.0.0.1:{site}", "-w", "2", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        processes.append(gunicorn)
        wait_until_it_answers(f"http://127.0.0.1:{site}/healthz", gunicorn, "gunicorn")

        varnish_dir = work / "varnish"
        varnish = start_varnish(work, site, args.port, control)
        processes.append(varnish)
        wait_until_it_answers(f"{address}/healthz", varnish, "varnishd")

        code = f"DATABASE_URL={POSTGRES_URL} {sys.executable} manage.py demo_code admin"
        print(
            f"""
The stack is up (Ctrl-C stops it):

  {address}/                 the site through Varnish (readers' address)
  {address}/members/login/   log in with a demo account above; current code:
                                     {code}
  {address}/admin/           the admin, once logged in as admin
  http://127.0.0.1:{control}/           Varnish's control address: the same site, with X-Cache (hit, miss, pass)
  http://127.0.0.1:{site}/           gunicorn alone, without the front cache

  varnishstat -n {varnish_dir}    varnishlog -n {varnish_dir}
""",
            flush=True,
        )
        stop = []  # Ctrl-C reaches every process of the terminal's group at once
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.append(True))
        while not stop and all(p.poll() is None for p in processes):
            time.sleep(0.5)
        if not stop:
            raise SystemExit("A process of the stack stopped; stopping the rest.")
        print("\nStopping …")
    except KeyboardInterrupt:
        print("\nStopping …")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
