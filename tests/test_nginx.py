"""The shipped nginx configuration, run for real in front of the site.

deploy/nginx/portal.conf is started by Debian's nginx with only this machine's
addresses put in (ports, the media and log directories, a certificate made
here), in front of a live server whose private files are handed over with
X-Accel-Redirect (PRIVATE_FILES_ACCEL_REDIRECT): a member's download arrives
whole and in ranges (a phone seeking in a video, a resumed download) with the
private headers, the app's refusals stay refusals, the internal location
cannot be asked for, an upload over the size limit is refused before it is
read, and plain HTTP is sent to HTTPS.

nginx must be installed (``apt-get install nginx``; CI does, in .ci/run):
without it these tests fail, they are never skipped.
"""

import http.client
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from wagtail.utils.sendfile import _get_sendfile

from resources.models import Audience
from tests.resources.factories import make_resource, stored

pytestmark = pytest.mark.nginx

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_NGINX = ROOT / "deploy" / "nginx" / "portal.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "portal.example.jp"
PREFIX = "/_private/"
LIBRARY = "/members/library/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def certificate(directory):
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]  # noqa: S607
        + ["-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return key, cert


def shipped_site(*, upstream, https, http, media, static, logs, key, cert):
    """deploy/nginx/portal.conf with this machine's addresses; nothing else changed."""
    conf = DEPLOY_NGINX.read_text()
    for shipped, here in (
        ("server 127.0.0.1:6081;", f"server 127.0.0.1:{upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/letsencrypt/live/portal.example.jp/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/portal.example.jp/privkey.pem", str(key)),
        ("alias /var/lib/portal/media/;", f"alias {media}/;"),
        ("alias /var/lib/portal/static/;", f"alias {static}/;"),
        ("/var/log/nginx/", f"{logs}/"),
    ):
        assert shipped in conf, f"deploy/nginx/portal.conf no longer has {shipped!r}"
        conf = conf.replace(shipped, here)
    return conf


def main_conf(directory, site):
    """What Debian's /etc/nginx/nginx.conf gives a site, in a directory of the test's own."""
    temp = "\n".join(
        f"  {name}_temp_path {directory}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        "user root;\nworker_processes 1;\ndaemon off;\n"
        f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"{temp}\n{site}\n}}\n"
    )


@pytest.fixture
def accel(settings, tmp_path):
    """Private files on local disk in a temporary MEDIA_ROOT, handed over to nginx."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.PRIVATE_FILES_ACCEL_REDIRECT = PREFIX
    settings.SENDFILE_BACKEND = "core.files"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    _get_sendfile.clear()
    yield media
    del settings.SENDFILE_BACKEND
    _get_sendfile.clear()


class Nginx:
    def __init__(self, https, http):
        self.https, self.http = https, http

    def request(self, method, path, *, tls=True, headers=None, body=None):
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https, timeout=30, context=context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Host": HOST} | (headers or {}))
            response = connection.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()


@pytest.fixture
def app(db):
    """The site on a free port in this process, seeing the test's own transaction.

    Django's live-server thread with the in-memory SQLite connection shared, as
    LiveServerTestCase does; unlike pytest-django's live_server it needs no
    transactional test, whose flush would empty the demo site for the tests after it.
    """
    shared = {}
    for connection in connections.all():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.inc_thread_sharing()
            shared[connection.alias] = connection
    thread = LiveServerThread("127.0.0.1", _StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield thread.port
    thread.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


@pytest.fixture
def nginx(app, accel, tmp_path):
    directory = tmp_path / "nginx"
    directory.mkdir()
    static = tmp_path / "static"
    static.mkdir()
    (static / "hello.txt").write_text("static")
    key, cert = certificate(directory)
    https, http_port = free_port(), free_port()
    site = shipped_site(
        upstream=app,
        https=https,
        http=http_port,
        media=accel,
        static=static,
        logs=directory,
        key=key,
        cert=cert,
    )
    conf = directory / "nginx.conf"
    conf.write_text(main_conf(directory, site))
    checked = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-p", str(directory), "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(directory), "-c", str(conf)], stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", https), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not listen within 20 s"
            time.sleep(0.1)
    yield Nginx(https, http_port)
    process.terminate()
    process.wait(timeout=20)


def session_of(client, settings):
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    }


@pytest.mark.django_db
def test_a_members_download_comes_whole_and_in_ranges_with_the_private_headers(
    nginx, member_client, settings
):
    resource = make_resource("Leaflet", languages=("en",))
    resource_file = resource.versions.first().files.get()
    content = stored(resource_file)
    url = f"{LIBRARY}{resource.pk}/files/{resource_file.pk}/"
    cookie = session_of(member_client, settings)

    status, headers, body = nginx.request("GET", url, headers=cookie)
    assert status == 200
    assert body == content
    assert "x-accel-redirect" not in headers
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment;")
    assert "no-store" in headers["cache-control"]
    assert headers["x-content-type-options"] == "nosniff"

    status, headers, body = nginx.request("GET", url, headers=cookie | {"Range": "bytes=10-19"})
    assert status == 206
    assert body == content[10:20]
    assert headers["content-range"] == f"bytes 10-19/{len(content)}"
    assert "no-store" in headers["cache-control"]


@pytest.mark.django_db
def test_refusals_stay_refusals_and_the_internal_location_is_closed(nginx, member_client, settings):
    hidden = make_resource("Practitioners only", audience=Audience.PRACTITIONERS)
    hidden_file = hidden.versions.first().files.get()
    url = f"{LIBRARY}{hidden.pk}/files/{hidden_file.pk}/"
    content = stored(hidden_file)

    status, _headers, body = nginx.request("GET", url, headers=session_of(member_client, settings))
    assert status == 404
    assert content not in body
    status, headers, body = nginx.request("GET", url, headers={"Range": "bytes=0-9"})
    assert status == 302 and "/members/login/" in headers["location"]
    assert content[:10] not in body

    name = hidden_file.file.name
    status, _headers, body = nginx.request("GET", f"{PREFIX}{name}")
    assert status == 404
    assert content not in body


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_before_it_is_read(nginx):
    # Within MEMBER_FILE_MAX_SIZE, nginx lets it through to the app (nginx's own default is 1 MB).
    status, _headers, _body = nginx.request(
        "POST",
        "/members/library/propose/",
        headers={"Content-Type": "application/octet-stream"},
        body=b"x" * (2 * 1024 * 1024),
    )
    assert status != 413
    status, _headers, _body = nginx.request(
        "POST",
        "/members/library/propose/",
        headers={"Content-Length": str(200 * 1024 * 1024 + 1), "Content-Type": "text/plain"},
    )
    assert status == 413


@pytest.mark.django_db
def test_plain_http_is_sent_to_https_and_static_files_are_served(nginx):
    status, headers, _body = nginx.request("GET", "/en/", tls=False)
    assert status == 301
    assert headers["location"] == f"https://{HOST}/en/"
    status, headers, body = nginx.request("GET", "/static/hello.txt")
    assert status == 200 and body == b"static"
    assert "immutable" in headers["cache-control"]
