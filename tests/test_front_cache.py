"""The front cache for real: Debian's varnishd with deploy/varnish/portal.vcl in
front of a live server with the demo site.

The server runs the test settings on a SQLite file with a page cache on disk
(tests/front_cache_settings.py); content changes are made in ``manage.py shell``
processes of their own, the way an editor's request or a periodic job changes
it in production, and they tell Varnish through FRONTEND_CACHE_URL. Requests on
Varnish's control socket carry X-Cache (hit, miss, pass); readers' requests go
through the readers' socket, which tells nothing of the cache.

varnishd must be installed (``apt-get install varnish``; CI does, in .ci/run):
without it these tests fail, they are never skipped.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "portal.vcl"
VARNISHD = os.environ.get("VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHSTAT = shutil.which("varnishstat") or "/usr/bin/varnishstat"

pytestmark = pytest.mark.varnish

FAQ = "/en/faq/"
FAQ_TITLE = "Questions that members of the public often ask us"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    cookies: list = field(default_factory=list)

    @property
    def cache(self):
        return self.headers.get("x-cache")


@dataclass
class Stack:
    site: int
    readers: int
    control: int
    env: dict
    varnish_dir: Path

    def request(self, path, *, port=None, method="GET", headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", port or self.control, timeout=30)
        # One host name on both sockets, as nginx sends it (the port would be a second copy).
        headers = {"Host": "127.0.0.1"} | (headers or {})
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            names = {name.lower(): value for name, value in response.getheaders()}
            cookies = response.msg.get_all("Set-Cookie") or []
            return Answer(response.status, names, text, cookies)
        finally:
            connection.close()

    def read(self, path, **headers):
        """A reader's request, through the socket nginx forwards to."""
        return self.request(path, port=self.readers, headers=headers)

    def look(self, path, **headers):
        """The same request on the control socket, which says hit, miss or pass."""
        return self.request(path, headers=headers)

    def ban(self):
        assert self.request("/", method="BAN").status == 200

    def run(self, code):
        """Python in a manage.py shell of the site (its database, its settings)."""
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def counter(self, name):
        stat = subprocess.run(
            [VARNISHSTAT, "-n", self.varnish_dir, "-1"],
            capture_output=True,
            text=True,
            check=True,
        )
        match = re.search(rf"^{re.escape(name)}\s+(\d+)", stat.stdout, re.M)
        return int(match.group(1))

    def counted(self, name, expected):
        """Varnish adds its threads' counts up now and then: wait a little for them."""
        deadline = time.monotonic() + 3
        while (found := self.counter(name)) != expected and time.monotonic() < deadline:
            time.sleep(0.1)
        assert found == expected, name


def wait_for(url_port, path, process, what):
    deadline = time.monotonic() + 90
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", url_port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            said = process.communicate()[1] or b""
            raise RuntimeError(f"{what} did not start: {said.decode(errors='replace')[-2000:]}")
        time.sleep(0.3)


def vcl_for(site_port):
    """The shipped VCL with the test server as its backend."""
    text = VCL.read_text()
    assert '.port = "8000";' in text and "Host: portal.example.jp" in text
    return text.replace('.port = "8000";', f'.port = "{site_port}";').replace(
        "Host: portal.example.jp", "Host: 127.0.0.1"
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not Path(VARNISHD).exists():
        pytest.fail(
            f"varnishd not found (looked for {VARNISHD}): install Debian's varnish "
            "(apt-get install varnish) or set VARNISHD; the front cache is tested against it.",
            pytrace=False,
        )
    work = tmp_path_factory.mktemp("front-cache")
    site, readers, control = free_port(), free_port(), free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.front_cache_settings",
        "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
        "FRONT_CACHE_TEST_CACHE_DIR": str(work / "page-cache"),
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{control}",
        "PAGE_CACHE_SECONDS": "600",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{readers}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "files"),
    }
    env.pop("TEST_DATABASE_NAME", None)
    manage = [sys.executable, "manage.py"]
    building = {k: v for k, v in env.items() if k != "FRONTEND_CACHE_URL"}  # not started yet
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=building, check=True)
    subprocess.run(
        [*manage, "load_demo", "--languages=en"],
        cwd=ROOT,
        env=building,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{site}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    varnish = None
    try:
        wait_for(site, "/healthz", server, "the test server")
        vcl = work / "portal.vcl"
        vcl.write_text(vcl_for(site))
        varnish_dir = work / "varnish"
        varnish = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-j",
                "none",
                "-n",
                str(varnish_dir),
                "-a",
                f"readers=127.0.0.1:{readers}",
                "-a",
                f"control=127.0.0.1:{control}",
                "-f",
                str(vcl),
                "-s",
                "malloc,64m",
                "-p",
                "thread_stats_rate=1",  # counters added up after every request
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for(readers, "/healthz", varnish, "varnishd")
        yield Stack(site, readers, control, env, varnish_dir)
    finally:
        for process in (varnish, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)


def directives(answer):
    return {d.strip().split("=")[0] for d in answer.headers.get("cache-control", "").split(",")}


def test_an_anonymous_page_is_kept_and_readers_learn_nothing_of_the_cache(stack):
    stack.ban()
    first = stack.look(FAQ)
    second = stack.look(FAQ)
    assert (first.status, first.cache) == (200, "miss")
    assert (second.status, second.cache) == (200, "hit")
    assert second.body == first.body
    assert {"public", "max-age", "s-maxage"} <= directives(second)
    hits = stack.counter("MAIN.cache_hit")
    reader = stack.read(FAQ)
    assert reader.body == first.body
    stack.counted("MAIN.cache_hit", hits + 1)
    for telling in ("x-cache", "age", "via", "x-varnish", "x-page-cache", "server", "x-portal-url"):
        assert telling not in reader.headers, telling


def test_a_published_change_is_seen_through_the_cache_within_a_second(stack):
    assert stack.look(FAQ).status == 200
    assert stack.look(FAQ).cache == "hit"
    stack.run(
        "from wagtail.models import Page\n"
        "page = Page.objects.get(slug='faq', locale__language_code='en').specific\n"
        f"page.title = {FAQ_TITLE!r}\n"
        "page.save_revision().publish()\n"
    )
    published = time.monotonic()
    while FAQ_TITLE not in stack.read(FAQ).body:
        assert time.monotonic() - published < 1, "the old page is still served"
        time.sleep(0.05)
    assert stack.look(FAQ).cache == "hit"  # and then kept again


def make_members_only(stack, slug):
    """A login restriction on the Japanese page: every translation shares it."""
    stack.run(
        "from wagtail.models import Page, PageViewRestriction\n"
        f"page = Page.objects.get(slug={slug!r}, locale__language_code='ja')\n"
        "PageViewRestriction.objects.create(page=page, restriction_type='login')\n"
    )


def test_a_page_made_members_only_disappears_from_the_cache_at_once(stack):
    for path in ("/en/news/", "/ja/news/"):
        stack.look(path)
        assert stack.look(path).cache == "hit", path
        assert stack.read(path).status == 200
    make_members_only(stack, "news")
    for path in ("/en/news/", "/ja/news/"):
        assert stack.read(path).status == 404, path


def member_session(stack):
    """A member who logged in with both factors, through the site's own login views."""
    return stack.run(
        "from django.contrib.auth import get_user_model\n"
        "from django.test import Client\n"
        "from members.models import Organization, PledgeVersion\n"
        "from tests.auth import log_in, make_user\n"
        "PledgeVersion.current() or PledgeVersion.objects.create(version=1, text='pledge')\n"
        "organization = Organization.objects.create(name='Front cache test', kind='npo',"
        " address='Ageo', contact_name='Yamada', email='front@example.jp', phone='048')\n"
        "user = make_user(get_user_model(), 'front-cache-member', organization=organization)\n"
        "client = Client()\n"
        "log_in(client, user)\n"
        "assert client.get('/members/').status_code == 200\n"
        "print(client.cookies['sessionid'].value)\n"
    )


def test_a_members_request_is_never_answered_from_the_cache_nor_kept(stack):
    session = f"sessionid={member_session(stack)}"
    # A page everyone may read, kept for readers: the member is not given that copy.
    stack.look(FAQ)
    assert stack.look(FAQ).cache == "hit"
    for cookie in (session, f"_ga=GA1.1.1; {session}"):
        mine = stack.look(FAQ, Cookie=cookie)
        assert (mine.status, mine.cache) == (200, "pass")
        assert {"private", "no-store"} <= directives(mine)
    # A members-only page the member reads first is not kept for the next reader.
    make_members_only(stack, "events")
    for path in ("/en/events/", "/ja/events/"):
        hits = stack.counter("MAIN.cache_hit")
        mine = stack.look(path, Cookie=session)
        assert (mine.status, mine.cache) == (200, "pass"), path
        again = stack.look(path, Cookie=session)
        assert (again.status, again.cache) == (200, "pass"), path
        stack.counted("MAIN.cache_hit", hits)
        reader = stack.look(path)
        assert reader.status == 404, path
        assert reader.cache == "miss", path
    # Logging in (and everything else on /members/ and /admin/) goes past the cache.
    for path in ("/members/login/", "/members/", "/admin/"):
        assert stack.look(path).cache == "pass", path
        assert stack.look(path).cache == "pass", path
    # So does a request that carries a login of another kind.
    assert stack.look(FAQ, Authorization="Basic Zm9vOmJhcg==").cache == "pass"


def test_a_response_that_sets_a_cookie_is_never_kept(stack):
    first = stack.look("/front-cache-test/cookie/")
    second = stack.look("/front-cache-test/cookie/")
    assert "public" in first.headers["cache-control"]  # the view asks to be kept ...
    assert first.cookies and second.cookies  # ... and sets a cookie: each reader gets her own
    assert first.cache != "hit" and second.cache != "hit"
    assert first.body != second.body


def test_post_answers_are_never_kept(stack):
    path = "/front-cache-test/answer/"
    posted = [stack.request(path, method="POST", body=b"x=1") for _ in range(2)]
    assert [p.status for p in posted] == [200, 200]
    assert all(p.cache == "pass" for p in posted)
    assert posted[0].body != posted[1].body
    read = stack.look(path)
    assert read.body.startswith("GET")
    assert stack.look(path).body == read.body  # a GET answer that says public is kept


def test_health_checks_documents_and_searches_go_past_the_cache(stack):
    for path in ("/healthz", "/healthz/ready", "/documents/1/x.pdf", "/en/search/?q=dv"):
        stack.look(path)
        assert stack.look(path).cache == "pass", path


def test_trackers_cookies_and_parameters_do_not_split_the_cache(stack):
    stack.look(FAQ)
    assert stack.look(FAQ).cache == "hit"
    assert stack.look(FAQ, Cookie="_ga=GA1.2.3; _fbp=fb.1.2").cache == "hit"
    assert stack.look(f"{FAQ}?utm_source=newsletter&utm_medium=email").cache == "hit"
    assert stack.look(f"{FAQ}?fbclid=abc").cache == "hit"
    stack.look(f"{FAQ}?page=2")
    assert stack.look(f"{FAQ}?page=2&utm_campaign=tv").cache == "hit"


def test_static_files_are_kept_for_everyone(stack):
    path = "/static/css/portal.css"
    stack.look(path)
    assert stack.look(path).cache == "hit"
    assert stack.look(path, Cookie="sessionid=whatever").cache == "hit"
    stack.ban()  # a change of content leaves the static files alone
    assert stack.look(path).cache == "hit"


def test_the_address_without_a_language_follows_the_browser(stack):
    cases = {
        "en-US,en;q=0.9": "/en/",
        "en-GB": "/en/",
        "fr-FR, ko;q=0.8, en;q=0.5": "/ko/",
        "de": "/ja/",
    }
    for language, target in cases.items():
        answer = stack.look("/", **{"Accept-Language": language})
        assert answer.status == 302, language
        assert answer.headers["location"] == target, language
        assert "Accept-Language" in answer.headers["vary"]
    assert stack.look("/", **{"Accept-Language": "en-AU,en"}).cache == "hit"


def test_only_the_site_may_purge_or_ban_and_only_on_the_control_socket(stack):
    for method in ("PURGE", "BAN"):
        refused = stack.request(FAQ, port=stack.readers, method=method)
        assert refused.status == 405, method
        assert "arnish" not in refused.body and "XID" not in refused.body
    stack.look(FAQ)
    assert stack.look(FAQ).cache == "hit"
    assert stack.request(FAQ, method="PURGE").status == 200
    assert stack.look(FAQ).cache == "miss"


def test_many_changes_in_one_transaction_reach_varnish_as_one_ban(stack):
    stack.look(FAQ)
    assert stack.look(FAQ).cache == "hit"
    bans = stack.counter("MAIN.bans_added")
    stack.run(
        "from django.db import transaction\n"
        "from wagtail.models import Page\n"
        "from home.models.settings import NetworkSettings\n"
        "with transaction.atomic():\n"
        "    for slug in ('faq', 'news', 'events'):\n"
        "        page = Page.objects.get(slug=slug, locale__language_code='en').specific\n"
        "        page.save_revision().publish()\n"
        "    NetworkSettings.load().save()\n"
    )
    stack.counted("MAIN.bans_added", bans + 1)
    assert stack.look(FAQ).cache == "miss"


def test_the_vcl_knows_the_sites_session_cookie(settings):
    assert f"\\s*{settings.SESSION_COOKIE_NAME}=" in VCL.read_text()
