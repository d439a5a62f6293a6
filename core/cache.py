"""Whole-page cache for anonymous readers, cleared when editors publish.

Django's cache middleware keys responses by URL and headers but cannot
invalidate one page. Here every key carries a generation number; any change
to published content bumps it (see ``home.signals``), so every process
behind the proxy stops serving the old pages at once.

Only requests without a session cookie, without a query string other than
``page`` and outside the admin and members area are cached, and a response
that sets a cookie never is. Search queries are never cached: what a reader
searched for must not be stored.

The same rule tells shared caches (the front cache, ``deploy/varnish/``, or a
CDN) what they may keep, in ``Cache-Control``: an anonymous page the app would
cache is ``public`` (``s-maxage`` for shared caches, which are cleared with the
app's cache by ``invalidate``; ``max-age=0`` for browsers, which ask again each time); a redirect or
a missing page on such a request briefly; anything else that says nothing is
``private, no-store`` (a search, a form's answer, an error), and so is all a
logged-in person is shown.
"""

import secrets
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import (
    get_cache_key,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.deprecation import MiddlewareMixin

from core import frontend

GENERATION_KEY = "page-cache-generation"
UNCACHED_PREFIXES = (
    "/admin/",
    "/members/",
    "/healthz",
    "/documents/",
    "/images/",
    "/static/",
    "/media/",
)
CACHEABLE_QUERY_KEYS = {"page"}
# How long a browser may use a public page without asking again: never. A page an
# editor withdraws or makes members-only must be gone at once from every reader's
# browser too, and asking the front cache again costs little. (Shared caches keep
# pages PAGE_CACHE_SECONDS, and are cleared on every change.)
BROWSER_SECONDS = 0
# Redirects and missing pages, for shared caches: a page published at that address
# clears them, but a redirect an editor adds does not.
SHORT_SECONDS = 60
SHORT_STATUSES = (301, 302, 307, 308, 404, 410)


def generation(default=1):
    """The current generation; ``default`` when the cache cannot hold one (Redis down).

    A new or flushed cache starts at a number no process has seen, so that nothing a
    process kept under an earlier generation (core.memo) is taken for current."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.randbelow(2**31) + 1, timeout=None)
        value = cache.get(GENERATION_KEY, default)
    return value


def invalidate():
    """Make every cached page stale, in every process sharing the cache, then in the
    front cache. Changes call ``invalidate_after_commit`` instead."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
    frontend.ban_everything()


class _Due(threading.local):
    """What the current transaction's changes ask of the caches, sent once it commits.

    Publishing one page saves it, its revision and its translations' aliases, each
    a reason to clear the caches; an editor's bulk action or a translation sync
    saves dozens. Each change registers the same ``_send_due`` after the commit;
    the first to run sends everything due (one generation step, one BAN, or the
    PURGEs when nothing asked for a BAN) and the others find nothing left.
    A rolled-back transaction's callbacks never run; what it left due is sent
    with the next commit that has anything to send (at worst one BAN too many).
    """

    def __init__(self):
        self.everything = False
        self.purges = []  # (backend, urls)


_due = _Due()


def invalidate_after_commit():
    """Clear every page cache once the current transaction commits (at once outside
    one): once per transaction, however many changes it holds."""
    _due.everything = True
    transaction.on_commit(_send_due)


def purge_after_commit(backend, urls):
    """PURGE these addresses from a front cache once the transaction commits, unless
    a change in it clears everything anyway."""
    _due.purges.append((backend, list(urls)))
    transaction.on_commit(_send_due)


def _send_due():
    everything, purges = _due.everything, _due.purges
    _due.everything, _due.purges = False, []
    if everything:
        invalidate()  # the BAN covers every address a PURGE was due for
        return
    for backend, urls in purges:
        backend.send_purges(urls)


def _is_cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and set(request.GET) <= CACHEABLE_QUERY_KEYS
    )


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answer from the cache when an anonymous reader asks for a cached page."""

    def process_request(self, request):
        request._page_cache_update = False
        if not _is_cacheable(request):
            return None
        request._page_cache_generation = generation()
        prefix = f"pages.{request._page_cache_generation}"
        request._page_cache_prefix = prefix
        key = get_cache_key(request, prefix, "GET", cache=cache)
        response = cache.get(key) if key else None
        if response is None:
            request._page_cache_update = True
            return None
        response["X-Page-Cache"] = "hit"
        return response


def _tell_shared_caches(request, response):
    """Cache-Control for a response that has none yet (see the module's docstring)."""
    if "Cache-Control" in response:
        return  # decided already: never_cache, a logged-in person's, an image's public max-age
    generation_seen = getattr(request, "_page_cache_generation", None)
    if (
        generation_seen is not None
        and (response.status_code == 200 or response.status_code in SHORT_STATUSES)
        and not response.streaming
        and not response.cookies
        # Rendered from content changed meanwhile: the front cache was cleared before it
        # could store this one, so it must not.
        and generation_seen == generation()
    ):
        if response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=BROWSER_SECONDS, s_maxage=settings.PAGE_CACHE_SECONDS
            )
        else:
            patch_cache_control(response, public=True, max_age=0, s_maxage=SHORT_SECONDS)
        return
    patch_cache_control(response, private=True, no_store=True)


class UpdateCacheMiddleware(MiddlewareMixin):
    """Store successful anonymous responses under the current generation, and say in
    Cache-Control what other caches may keep."""

    def process_response(self, request, response):
        _tell_shared_caches(request, response)
        if not getattr(request, "_page_cache_update", False):
            return response
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or "private" in response.get("Cache-Control", "")
        ):
            return response
        timeout = settings.PAGE_CACHE_SECONDS
        key = learn_cache_key(request, response, timeout, request._page_cache_prefix, cache=cache)
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
        else:
            cache.set(key, response, timeout)
        return response


def make_private(response):
    """A response for one person only: no cache keeps it, no browser guesses its type."""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PrivateResponsesMiddleware(MiddlewareMixin):
    """What a logged-in person is shown is hers alone: no shared cache (a proxy, the
    front cache) may keep it, and her browser should not keep it on disk either, for
    someone else at the same phone or computer to find in its history or cache."""

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or (
            settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
