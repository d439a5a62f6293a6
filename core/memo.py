"""What every page shows, kept in this process between requests until content changes.

The frame around every page (the homes, the menu, the pages chosen in the network
settings), the network settings themselves, the page view restrictions and the
home page's lists are the same for every anonymous reader until an editor
changes something, and reading them is most of an uncached page's work: Django
compiles their wide queries anew on each request (docs/benchmark.md).

A value is kept under the page cache's generation (core.cache): every change that
clears the page cache (a publish, a restriction, the settings …, after the commit)
moves the generation, and the next request in every process reads the value
again. Nothing read inside a transaction is kept. A value is kept at most
``SECONDS`` in any case (the home page's upcoming events move with the clock),
and nothing is kept while the shared cache cannot hold the generation (Redis
down): a restriction must never outlive its change.
Values are shared between requests: they must not be changed by their users.
"""

import threading
import time

from django.db import connection

from core import cache as page_cache

SECONDS = 60
MAX_ENTRIES = 2000  # page translations by key: a crawler must not fill the memory

_lock = threading.Lock()
_state = {"generation": None, "values": {}}


def _generation(request):
    """The generation this request reads values under, once a request; None when the
    shared cache cannot tell it (then nothing is kept)."""
    if request is None:
        return None
    try:
        return request._memo_generation
    except AttributeError:
        pass
    value = page_cache.generation(default=None)
    request._memo_generation = value
    if value is not None and _state["generation"] != value:
        with _lock:
            _state["generation"], _state["values"] = value, {}
    return value


def _in_transaction():
    return connection.in_atomic_block


def keeps(request):
    """Whether values read for ``request`` may be kept for later requests."""
    # Read inside a transaction, a value may hold what the transaction has not
    # committed (and may roll back): it is for this request only.
    return not _in_transaction() and _generation(request) is not None


def remembered(request, key, build):
    """The value ``build()`` returns, kept for later requests of the same generation."""
    if not keeps(request):
        return build()
    generation = _generation(request)
    now = time.monotonic()
    if _state["generation"] == generation:
        kept = _state["values"].get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
    value = build()
    with _lock:
        # Kept only for the generation it was read under: a request that began before
        # a change never leaves its value to the requests after it.
        if _state["generation"] == generation:
            if len(_state["values"]) >= MAX_ENTRIES:
                _state["values"] = {}
            _state["values"][key] = (now + SECONDS, value)
    return value


def forget():
    """Drop every kept value (tests that change content inside one transaction)."""
    with _lock:
        _state["generation"], _state["values"] = None, {}
