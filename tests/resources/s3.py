"""A real S3 API on 127.0.0.1 for the storage tests: moto's server, in its own process.

moto refuses an anonymous, unsigned request for a private object, but it
checks neither the signature nor the expiry of a query-signed URL (any URL
containing "Signature=" is let through, however old). ``presigned_verdict``
does those two checks the way S3 does (Signature Version 4, written here
from the specification rather than with botocore's signer, so it cannot
share a signer's mistake).
"""

import hashlib
import hmac
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import boto3
from botocore.config import Config
from django.conf import settings

from portal.settings.object_storage import private_bucket

BUCKET = "portal-private-files"
REGION = "ap-northeast-1"
ACCESS_KEY = "portal-test-key"
SECRET_KEY = "portal-test-secret"  # noqa: S105 - only ever sent to the local server
SIGV4_DATE = "%Y%m%dT%H%M%SZ"

# No proxy from the environment may carry these requests off the machine.
http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url):
    """(status, headers, body) of a plain GET, as a browser would make it."""
    try:
        with http.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@dataclass
class S3Server:
    endpoint: str
    process: subprocess.Popen

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=Config(signature_version="s3v4"),
        )

    def storage(self):
        """``STORAGES["default"]`` with production's options, pointed at this server."""
        return private_bucket(
            bucket_name=BUCKET,
            endpoint_url=self.endpoint,
            region_name=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            expire=settings.MEMBER_FILES_URL_EXPIRE,
        )

    def object_url(self, key):
        """The object's plain address, with no signature."""
        return f"{self.endpoint}/{BUCKET}/{quote(key)}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url):
    try:
        return get(url)[0] == 200
    except OSError:  # not listening yet
        return False


def start_server(timeout=30):
    """moto_server on a free port of 127.0.0.1, answering, with an empty private bucket."""
    port = _free_port()
    executable = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = S3Server(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + timeout
        while not _answers(f"{server.endpoint}/moto-api/"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"moto_server did not start on port {port}")
            time.sleep(0.1)
        server.client().create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
    except BaseException:
        server.stop()  # never leave a server behind
        raise
    return server


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _encode(text):
    return quote(text, safe="-_.~")


def presigned_verdict(url, *, now=None):
    """Why S3 would refuse this query-signed URL at ``now``, or None if it would serve it."""
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    amz = dict(params)
    if amz.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or "X-Amz-Signature" not in amz:
        return "not signed"
    key_id, day, region, service, _request = amz["X-Amz-Credential"].split("/")
    if key_id != ACCESS_KEY:
        return "unknown access key"
    canonical_query = "&".join(
        f"{_encode(k)}={_encode(v)}" for k, v in sorted(params) if k != "X-Amz-Signature"
    )
    signed_headers = amz["X-Amz-SignedHeaders"]
    if signed_headers != "host":
        return f"unexpected signed headers {signed_headers}"
    canonical_request = "\n".join(
        ["GET", parts.path, canonical_query, f"host:{parts.netloc}\n", "host", "UNSIGNED-PAYLOAD"]
    )
    scope = f"{day}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            amz["X-Amz-Date"],
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    key = _hmac(f"AWS4{SECRET_KEY}".encode(), day)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, amz["X-Amz-Signature"]):
        return "signature does not match"
    signed_at = datetime.strptime(amz["X-Amz-Date"], SIGV4_DATE).replace(tzinfo=UTC)
    if (now or datetime.now(UTC)) > signed_at + timedelta(seconds=int(amz["X-Amz-Expires"])):
        return "expired"
    return None


def expires_in(url):
    """The X-Amz-Expires of a signed URL, in seconds."""
    return int(dict(parse_qsl(urlsplit(url).query))["X-Amz-Expires"])
