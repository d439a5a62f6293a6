"""Telling the front cache (Varnish, ``deploy/varnish/portal.vcl``) what changed.

Two messages, both sent after the commit of the change, so that no reader's
request between the change and its commit puts the old page back:

- **PURGE** of a page's addresses in every language, sent by Wagtail's
  frontend cache app (``wagtail.contrib.frontend_cache``) when a page is
  published or unpublished. ``VarnishBackend`` holds them until the commit,
  and drops them when a BAN goes with it.
- **BAN** of every page and image (not the static files, whose names change
  with their content), from ``core.cache.invalidate``: whatever clears the
  app's own page cache — a publish, a move, a deletion, a privacy change, the
  network settings in every page's header and footer, a translation sync, an
  organization on the roster, a public event — clears the front cache too.
  One BAN per transaction, however many changes it holds
  (``core.cache.invalidate_after_commit``).

``WAGTAILFRONTENDCACHE`` names the cache (``FRONTEND_CACHE_URL``, Varnish's
control address); unset, nothing is sent. A cache that does not answer is
logged and never fails the editor's request.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

# Seconds to wait for the cache: an editor's save must not hang on it.
TIMEOUT = 3


class _MethodRequest(Request):
    def __init__(self, url, method, headers):
        super().__init__(url, headers=headers)
        self._method = method

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend, sending after the commit, with a timeout, and able to BAN."""

    def purge_batch(self, urls):
        from core import cache  # core.cache sends through this module

        cache.purge_after_commit(self, urls)

    def send_purges(self, urls):
        HTTPBackend.purge_batch(self, urls)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self._send("PURGE", parts.path, parts.query, host)

    def ban(self):
        """Drop every page and image the cache holds, whatever its host."""
        self._send("BAN", "/", "", None)

    def _send(self, method, path, query, host):
        address = urlunsplit((self.cache_scheme, self.cache_netloc, path, query, ""))
        headers = {"User-Agent": f"Wagtail-frontendcache/{wagtail_version}"}
        if host:
            headers["Host"] = host
        try:
            with urlopen(_MethodRequest(address, method, headers), timeout=TIMEOUT):  # noqa: S310 - the configured cache
                pass
        except HTTPError as error:
            logger.error("The front cache refused %s %s: %s", method, path, error.code)
        except (URLError, OSError) as error:
            logger.error("The front cache did not answer %s %s: %s", method, path, error)


def ban_everything():
    """BAN every page in each configured front cache that can (called after the commit)."""
    for backend in get_backends().values():
        if hasattr(backend, "ban"):
            backend.ban()
