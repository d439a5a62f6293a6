"""Redis for the page cache that a Redis outage does not turn into an outage of the site.

``RedisCache`` is Django's, except that when Redis does not answer, reads are
misses and writes are dropped: every page is rendered afresh from the
database, nothing is kept, and the log says so once per outage. For
``PAUSE`` seconds after a failure Redis is not asked at all, so a Redis that
hangs costs a request at most one timeout (``socket_timeout`` in OPTIONS).

Changes made meanwhile (a page published or made members-only) could not
reach Redis, so when it answers again every key under this cache's prefix is
deleted before it is used: no page from before the outage is served again.

Login and sign-up limits never use this cache, which would let them pass
during an outage: core.throttle counts on a cache that fails loudly and falls
back to counting in the process.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

PAUSE = 5.0


class ReusedClientsCacheClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` a connection pool instead of a new one
    for every command: redis-py fills some 160 response callbacks for each new client,
    which was half the processor time of a page answered from the cache
    (docs/benchmark.md). A ``redis.Redis`` over a pool is safe to share between threads.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_reused_clients", {})
        client = clients.get(pool)
        if client is None:
            client = clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientsCacheClient
        self._down_since = None  # monotonic time of the last failure
        self._needs_clearing = False

    def _call(self, name, default, *args, **kwargs):
        if self._down_since is not None and time.monotonic() - self._down_since < PAUSE:
            return default
        try:
            if self._needs_clearing:
                self._clear_own_keys()
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            if self._down_since is None:
                logger.error(
                    "Redis does not answer (%s): pages are rendered without the cache until it does",
                    error.__class__.__name__,
                )
            self._down_since = time.monotonic()
            self._needs_clearing = True
            return default
        if self._down_since is not None:
            logger.warning("Redis answers again; the page cache was emptied and is in use")
            self._down_since = None
        return result

    def _clear_own_keys(self):
        """Delete this cache's keys (its prefix and version), not those of other users of Redis."""
        client = self._cache.get_client(write=True)
        pattern = self.make_key("*")
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        self._needs_clearing = False

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=None, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", _MISSING, key, delta, version)
        if result is _MISSING:
            raise ValueError(f"Key {key!r} not found (Redis does not answer)")
        return result

    def clear(self):
        return self._call("clear", False)


_MISSING = object()
