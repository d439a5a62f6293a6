import pytest
from django.test import Client

from members.models import Membership
from resources.models import Course, Resource
from tests.auth import log_in, make_user
from tests.resources.s3 import start_server


@pytest.fixture(autouse=True)
def empty_library(request):
    """Each database test starts from an empty library, whatever the session's demo holds."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    Resource.objects.all().delete()
    Course.objects.all().delete()


def member_with(django_user_model, organization, username, **flags):
    """A logged-in client for a member of ``organization`` with these meeting flags."""
    user = make_user(django_user_model, username, organization=organization)
    Membership.objects.filter(user=user).update(**flags)
    client = Client()
    log_in(client, user)
    client.user = user
    return client


@pytest.fixture
def representative_client(django_user_model, organization, pledge):
    return member_with(django_user_model, organization, "rep", is_representative=True)


@pytest.fixture
def practitioner_client(django_user_model, organization, pledge):
    return member_with(django_user_model, organization, "prac", is_practitioner=True)


@pytest.fixture
def other_member_client(django_user_model, organization, pledge):
    return member_with(django_user_model, organization, "colleague")


@pytest.fixture
def own_staff_client(django_user_model, pledge):
    """Staff on a client of their own (the shared ``staff_client`` reuses ``client``)."""
    user = make_user(django_user_model, "editor", staff=True)
    client = Client()
    log_in(client, user)
    client.user = user
    return client


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API (moto's server) on 127.0.0.1, one per test process."""
    server = start_server()
    yield server
    server.stop()
