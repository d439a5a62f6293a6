"""The wheel is the site: built, installed into a fresh virtual environment and
run from there with production settings, it serves every public page type.

The new environment sees the dependencies already installed for the tests (a
``.pth`` line naming their directory, whose own ``.pth`` files, among them the
editable install of this checkout, are not run), but the project's code,
templates, catalogues and static files come only from the wheel: every
command runs in a temporary directory outside the checkout, and the test
checks where ``home`` was imported from. PostgreSQL (a fresh database) and
Redis (database 13) on 127.0.0.1, as in production.
"""

import html
import importlib.util
import json
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("WHEEL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("WHEEL_REDIS_URL", "redis://127.0.0.1:6379/13")

pytestmark = pytest.mark.wheel

# scripts/load.py: the same loads as ``make load``, shorter, and its way to start gunicorn.
_spec = importlib.util.spec_from_file_location("load", ROOT / "scripts" / "load.py")
load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load)

# One live, public page of each type, in English, found by the installed site itself.
FIND_PAGES = """
import json, django
django.setup()
import home
from wagtail.models import Page
found = {}
for page in Page.objects.live().public().filter(locale__language_code="en").specific():
    found.setdefault(type(page).__name__, [page.url, page.title])
print(json.dumps({"home_file": home.__file__, "pages": found}))
"""
PAGE_TYPES = (
    "HomePage",
    "SectionPage",
    "ContentPage",
    "ConsultationWindowPage",
    "TopicPage",
    "NewsIndexPage",
    "NewsPage",
    "EventIndexPage",
    "EventPage",
    "FAQPage",
    "HelpFinderPage",
)


def completed(command, **kwargs):
    """Run a command; on failure, the assertion shows what it wrote."""
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, (
        f"{command[1:]} failed:\n{result.stdout[-3000:]}{result.stderr[-5000:]}"
    )
    return result


def source_tree(destination):
    """The files a release holds: tracked ones and new ones not ignored (no build/ leftovers).

    With ``WHEEL_GIT_REF`` (e.g. ``HEAD``), that commit's files instead of the working tree's.
    """
    if ref := os.environ.get("WHEEL_GIT_REF"):
        destination.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", destination], input=archive.stdout, check=True)
        return destination
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def build_and_install(tmp):
    source = source_tree(tmp / "source")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source],
        check=True,
        cwd=tmp,
    )
    (wheel,) = (tmp / "dist").glob("support_network_portal-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, cwd=tmp)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies only: a plain path line, so the editable install's .pth is not run.
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel],
        check=True,
        cwd=tmp,
    )
    return venv, python


def fresh_database():
    name = f"portal_wheel_{secrets.token_hex(4)}"
    load.fresh_database(f"{POSTGRES}/{name}")
    return name


def drop_database(name):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_environment(tmp, database):
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "ERROR",
    }


@pytest.fixture(scope="module")
def installed_site(tmp_path_factory):
    import redis

    tmp_path = tmp_path_factory.mktemp("wheel")
    started = time.monotonic()
    venv, python = build_and_install(tmp_path)
    print(f"build and install: {time.monotonic() - started:.1f} s")
    database = fresh_database()
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_environment(tmp_path, database)
    run = tmp_path / "run"  # outside the checkout: nothing can be imported from it
    run.mkdir()
    try:

        def django(*args):
            started = time.monotonic()
            done = completed([python, "-m", "django", *args], cwd=run, env=env)
            print(f"{args[0]}: {time.monotonic() - started:.1f} s")  # shown with pytest -s
            return done

        django("migrate", "--noinput", "-v0")
        django("collectstatic", "--noinput", "-v0")
        django("load_demo", "--languages=en", "--no-users")
        found = json.loads(completed([python, "-c", FIND_PAGES], cwd=run, env=env).stdout)
        server, base = load.start_gunicorn([python], env, run, workers=2)
        try:
            yield {
                "venv": venv,
                "base": base,
                "static": tmp_path / "static",
                "database_url": env["DATABASE_URL"],
                **found,
            }
        finally:
            load.stop(server)
    finally:
        drop_database(database)
        redis.Redis.from_url(REDIS_URL).flushdb()


def test_the_installed_wheel_serves_every_public_page_type(installed_site):
    site = installed_site
    assert Path(site["home_file"]).is_relative_to(site["venv"]), site["home_file"]
    assert not Path(site["home_file"]).is_relative_to(ROOT)
    pages = site["pages"]
    assert set(PAGE_TYPES) <= set(pages), sorted(set(PAGE_TYPES) - set(pages))
    base = site["base"]
    problems = []

    def check(url, *expected):
        status, headers, body = load.request(base, "GET", url)
        text = body.decode("utf-8", "replace")
        if status != 200:
            problems.append(f"{url}: {status}")
            return text
        problems.extend(f"{url}: no {e!r}" for e in expected if e not in text)
        return text

    english = 'lang="en"', "Leave this site now (Esc)", 'id="quick-exit"'
    for kind in PAGE_TYPES:
        url, title = pages[kind]
        check(url, html.escape(title), *english)
    # The catalogues travel in the wheel: the interface is translated, not the English msgid.
    check("/ja/", 'lang="ja"', "今すぐこのサイトを閉じる")
    check("/en/network/organizations/", *english)
    topic_url, topic_title = pages["TopicPage"]
    check(
        "/en/search/?" + urllib.parse.urlencode({"q": topic_title}),
        f'href="{topic_url}"',
        *english,
    )
    check("/sitemap.xml", f"{topic_url}</loc>", "/ja/</loc>")
    check("/members/login/", 'type="password"', 'name="csrfmiddlewaretoken"')

    # A static file, collected from the wheel under its hashed name, served by whitenoise.
    manifest = json.loads((site["static"] / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/portal.css"]
    assert hashed != "css/portal.css"
    status, headers, body = load.request(base, "GET", f"/static/{hashed}")
    assert status == 200
    assert body == (site["static"] / hashed).read_bytes() and b".quick-exit" in body
    assert "immutable" in headers["Cache-Control"]
    home = check(pages["HomePage"][0])
    assert f"/static/{hashed}" in home
    assert not problems, "\n".join(problems)


def test_concurrent_readers_get_no_error(installed_site):
    base = installed_site["base"]
    for path in load.READER_PATHS:
        assert load.request(base, "GET", path)[0] == 200, path
    result = load.readers(base, seconds=10, concurrency=20)
    assert result["requests"] > 20
    assert result["errors"] == []


def test_concurrent_sign_ups_are_each_stored_once(installed_site):
    sent = load.applications(installed_site["base"], count=100, concurrency=10, run="wheel")
    assert sent["errors"] == []
    assert load.stored_applications(installed_site["database_url"], "wheel") == (100, 100)
