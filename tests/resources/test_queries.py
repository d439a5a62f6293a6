"""The library, a resource, training and the report cost the same queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import (
    Course,
    Download,
    Module,
    Resource,
    ResourceFile,
    ResourceVersion,
    TrainingMaterial,
)
from tests.resources.factories import make_resource

KINDS = ["leaflet", "poster", "card", "handbook", "manual", "form"]
LANGUAGES = ["ja", "en", "ko", "vi"]


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(queries)


def add_resources(count, topic, user):
    """``count`` resources of every kind and several languages, each downloaded once."""
    start = Resource.objects.count()
    resources = Resource.objects.bulk_create(
        Resource(title=f"Resource {start + n}", kind=KINDS[n % len(KINDS)], topic=topic)
        for n in range(count)
    )
    versions = ResourceVersion.objects.bulk_create(
        ResourceVersion(resource=resource, label="1") for resource in resources
    )
    ResourceFile.objects.bulk_create(
        ResourceFile(
            version=version,
            language=language,
            file=f"members/x/{version.pk}-{language}",
            content_type="application/pdf",
        )
        for n, version in enumerate(versions)
        for language in LANGUAGES[: 1 + n % len(LANGUAGES)]
    )
    Download.objects.bulk_create(Download(resource=resource, user=user) for resource in resources)


def add_courses(count, user):
    courses = Course.objects.bulk_create(
        Course(title=f"Course {n}", live=True, sort_order=n) for n in range(count)
    )
    modules = Module.objects.bulk_create(Module(course=course, title="M") for course in courses)
    materials = TrainingMaterial.objects.bulk_create(
        TrainingMaterial(
            module=module, title="T", file="members/x/t", content_type="application/pdf"
        )
        for module in modules
    )
    Download.objects.bulk_create(Download(material=material, user=user) for material in materials)


@pytest.mark.parametrize(
    "params",
    [{}, {"kind": "leaflet"}, {"language": "en", "q": "Resource"}, {"page": "2"}],
)
def test_the_library_list(member_client, member, pages, params):
    topic = pages["ja"]["dv"]
    add_resources(10, topic, member)
    member_client.get("/members/library/", params)
    before = count_queries(member_client, "/members/library/", **params)
    add_resources(190, topic, member)
    assert count_queries(member_client, "/members/library/", **params) == before


def test_a_resource_with_its_versions(member_client, member, pages):
    add_resources(10, None, member)
    resource = make_resource("Handbook", languages=("ja", "en"), versions=2)
    url = f"/members/library/{resource.pk}/"
    member_client.get(url)
    before = count_queries(member_client, url)
    add_resources(190, pages["ja"]["dv"], member)
    for number in range(10):
        version = ResourceVersion.objects.create(resource=resource, label=f"old {number}")
        ResourceFile.objects.create(version=version, language="ko", file="members/x/y")
    assert count_queries(member_client, url) == before


def test_the_training_list(member_client, member):
    add_courses(10, member)
    member_client.get("/members/training/")
    before = count_queries(member_client, "/members/training/")
    add_courses(190, member)
    assert count_queries(member_client, "/members/training/") == before


@pytest.mark.parametrize("params", [{}, {"kind": "poster", "months": "6"}, {"export": "csv"}])
def test_the_download_report(staff_client, staff, pages, params):
    add_resources(10, None, staff)
    add_courses(3, staff)
    staff_client.get("/admin/reports/downloads/", params)
    before = count_queries(staff_client, "/admin/reports/downloads/", **params)
    add_resources(190, pages["ja"]["dv"], staff)
    add_courses(20, staff)
    assert count_queries(staff_client, "/admin/reports/downloads/", **params) == before
