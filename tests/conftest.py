import pytest
from django.core.management import call_command

from members.models import Membership, Organization, PledgeVersion
from tests.auth import log_in, make_user

# The demo site is built once per test process and every test runs inside a
# transaction that is rolled back afterwards. English is translated; the other
# seven languages sync from Japanese as aliases, as on a site whose translators
# have not started yet: both kinds of page a language can hold are there.
TEST_LANGUAGES = "en"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.conf import settings
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    with django_db_blocker.unblock():
        call_command("load_demo", languages=TEST_LANGUAGES, no_users=True, stdout=None)
        source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        for code, _name in settings.LANGUAGES:
            locale, _ = Locale.objects.get_or_create(language_code=code)
            if locale != source:
                LocaleSynchronization.objects.get_or_create(
                    locale=locale, defaults={"sync_from": source}
                )


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


@pytest.fixture
def organization(db):
    return Organization.objects.create(
        name="テスト事業所",
        kind="npo",
        address="上尾市",
        contact_name="山田",
        email="org@example.jp",
        phone="048",
    )


@pytest.fixture
def pledge(db):
    return PledgeVersion.current() or PledgeVersion.objects.create(
        version=1, text="秘密を守ります。"
    )


@pytest.fixture
def member(django_user_model, organization, pledge):
    return make_user(django_user_model, "member", organization=organization)


@pytest.fixture
def org_admin(django_user_model, organization, pledge):
    return make_user(
        django_user_model, "orgadmin", organization=organization, role=Membership.Role.ADMIN
    )


@pytest.fixture
def staff(django_user_model, pledge):
    return make_user(django_user_model, "staff", staff=True)


@pytest.fixture
def member_client(client, member):
    log_in(client, member)
    return client


@pytest.fixture
def staff_client(client, staff):
    log_in(client, staff)
    return client
