import pytest
from django.core.management import call_command

# The demo site, in Japanese and English, is built once per test process and
# every test runs inside a transaction that is rolled back afterwards.
TEST_LANGUAGES = "en"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", languages=TEST_LANGUAGES, no_users=True, stdout=None)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pages(db):
    """Demo pages by language and slug: pages["en"]["dv"]."""
    from wagtail.models import Page

    found = {}
    for page in Page.objects.live().select_related("locale").specific():
        found.setdefault(page.locale.language_code, {})[page.slug] = page
    return found
