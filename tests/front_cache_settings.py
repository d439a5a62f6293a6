"""Test settings for the site behind a real Varnish (tests/test_front_cache.py).

The server and the ``manage.py shell`` processes that change its content share
one page cache on disk, as production's processes share Redis; and two test
views send what the site itself never does (a cookie for everyone, a public
answer to a POST), to show that Varnish keeps neither.
"""

import os

from portal.settings.test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["FRONT_CACHE_TEST_CACHE_DIR"],
    }
}
ROOT_URLCONF = "tests.front_cache_urls"
