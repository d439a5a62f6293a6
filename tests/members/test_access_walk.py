"""Every URL of the project, asked for by every kind of visitor who must be refused.

A new view under /members/ or /admin/ cannot forget its check: this walk
finds it and asks for it as each visitor. Object views are asked for with the
ids of real objects the refused visitors would otherwise be in the audience of,
and a verified member of that audience gets each of them: a refusal is never
just a missing object.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, PageViewRestriction

from events.models import EventAudience, EventKind, EventResponse
from home.models import ContentPage
from members.models import Organization
from resources.models import Download
from tests.auth import PASSWORD, log_in, make_user
from tests.resources.factories import make_course, make_resource

from .event_factory import PDF, make_event

OPEN_MEMBER_PATHS = (
    "/members/login/",
    "/members/verify/",
    "/members/logout/",
    "/members/invitation/",
    "/members/password-reset/",
)
SAMPLE_ARGS = {"token": "x", "pk": "1", "uidb64": "MQ", "translation_id": "1", "page_id": "1"}
# URL arguments that name a members' object: the walk asks for real ones.
OBJECT_ARGS = ("event_id", "material_id", "resource_id", "file_id", "course_id")
# The other arguments of members' URLs: no object a member could be in the audience of.
OTHER_MEMBER_ARGS = ("token", "pk", "uidb64")
ANSWER = re.compile(r"/members/events/\d+/answer/")


def all_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = str(entry.pattern)
        if pattern.startswith("^"):
            pattern = pattern.lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from all_paths(entry, prefix + pattern)
        elif isinstance(entry, URLPattern):
            yield prefix + pattern


def arguments(path):
    return re.findall(r"<(?:\w+:)?(\w+)>", path) + re.findall(r"\(\?P<(\w+)>", path)


def concrete(path, args=SAMPLE_ARGS):
    # Events and courses both have materials: a course's is ``course_material_id``.
    if "course_id" in arguments(path):
        args = args | {"material_id": args.get("course_material_id", "1")}
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(args.get(m.group(1), "1")), path)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(args.get(m.group(1), "1")), path)
    path = re.sub(r"[\\^$?*+()\[\]]", "", path)
    return "/" + path.lstrip("/")


def is_protected(url):
    return url.startswith("/admin/") or (
        url.startswith("/members/") and not url.startswith(OPEN_MEMBER_PATHS)
    )


def protected_paths(*arg_sets):
    """Each protected URL once, with each set of arguments (the sample ones by default)."""
    paths = set()
    for path in all_paths():
        for args in arg_sets or (SAMPLE_ARGS,):
            url = concrete(path, args)
            if is_protected(url):
                paths.add(url)
    return sorted(paths)


def object_paths(*arg_sets):
    """The members' URLs that name an object, with each set of arguments."""
    paths = set()
    for path in all_paths():
        if path.startswith("members/") and set(arguments(path)) & set(OBJECT_ARGS):
            paths.update(concrete(path, args) for args in arg_sets)
    return sorted(paths)


def test_the_walk_finds_the_members_and_admin_views():
    paths = protected_paths()
    assert "/members/" in paths
    assert "/members/organization/" in paths
    assert "/admin/pages/1/edit/" in paths or any(p.startswith("/admin/pages/") for p in paths)
    assert len(paths) > 100


def test_every_members_url_argument_is_known_to_the_walk():
    """A new object view under /members/ must be given a real object below."""
    unknown = {
        (path, name)
        for path in all_paths()
        if path.startswith("members/")
        for name in arguments(path)
        if name not in OBJECT_ARGS + OTHER_MEMBER_ARGS
    }
    assert not unknown


def test_concrete_puts_each_material_under_its_own_parent():
    args = {"event_id": 5, "material_id": 6, "course_id": 7, "course_material_id": 8}
    assert concrete("members/events/<int:event_id>/materials/<int:material_id>/", args) == (
        "/members/events/5/materials/6/"
    )
    assert concrete("members/training/<int:course_id>/materials/<int:material_id>/", args) == (
        "/members/training/7/materials/8/"
    )


@pytest.fixture
def people(django_user_model, organization, pledge):
    """Who the objects are for: the walker, and two who would be if they could still log in."""
    closed_org = Organization.objects.create(
        name="closed",
        kind="npo",
        address="-",
        contact_name="-",
        email="c@example.jp",
        phone="-",
    )
    return {
        "walker": make_user(django_user_model, "walker", organization=organization),
        "gone": make_user(django_user_model, "gone", organization=organization),
        "closed": make_user(django_user_model, "closed", organization=closed_org),
    }


def visitors(django_user_model, people):
    """Clients that must be refused, each one step short of what a member needs."""
    anonymous = Client()
    password_only = Client()
    password_only.post("/members/login/", {"username": "walker", "password": PASSWORD})
    deactivated = Client()
    log_in(deactivated, people["gone"])
    closed = Client()
    log_in(closed, people["closed"])
    # Both were members with both factors until now: what refuses them is what changes next.
    assert deactivated.get("/members/").status_code == 200
    assert closed.get("/members/").status_code == 200
    django_user_model.objects.filter(pk=people["gone"].pk).update(is_active=False)
    Organization.objects.filter(pk=people["closed"].membership.organization_id).update(
        is_active=False
    )
    return {
        "anonymous": anonymous,
        "password only": password_only,
        "deactivated": deactivated,
        "closed organization": closed,
    }


@pytest.fixture
def objects(people):
    """One of each members' object, all for the walker and the refused visitors' users."""
    everyone = list(people.values())
    event = make_event(title="walk: all members", materials=[("walk handout", PDF)])
    case = make_event(
        title="walk: case meeting",
        kind=EventKind.CASE,
        audience=EventAudience.INVITEES,
        invitees=everyone,
        materials=[("walk case sheet", PDF)],
    )
    resource = make_resource("walk leaflet", languages=("ja", "en"))
    course = make_course("walk course")
    return {
        "event": event,
        "event_material": event.materials.get(),
        "case": case,
        "case_material": case.materials.get(),
        "resource": resource,
        "file": resource.versions.get().files.get(language="en"),
        "course": course,
        "course_material": course.modules.get().materials.get(),
    }


def arg_sets(objects):
    """The walk's arguments: once with the members' event, once with the case meeting."""
    shared = SAMPLE_ARGS | {
        "resource_id": objects["resource"].pk,
        "file_id": objects["file"].pk,
        "course_id": objects["course"].pk,
        "course_material_id": objects["course_material"].pk,
    }
    return [
        shared | {"event_id": objects[event].pk, "material_id": objects[material].pk}
        for event, material in (("event", "event_material"), ("case", "case_material"))
    ]


def expected_object_urls(objects):
    """What the walk must ask for, written out by hand."""
    resource, file, course = objects["resource"].pk, objects["file"].pk, objects["course"].pk
    urls = {
        f"/members/library/{resource}/",
        f"/members/library/{resource}/files/{file}/",
        f"/members/library/{resource}/files/{file}/preview/",
        f"/members/training/{course}/",
        f"/members/training/{course}/materials/{objects['course_material'].pk}/",
        f"/members/training/{course}/materials/{objects['course_material'].pk}/preview/",
    }
    for event, material in (("event", "event_material"), ("case", "case_material")):
        base = f"/members/events/{objects[event].pk}/"
        urls |= {
            base,
            f"{base}answer/",
            f"{base}event.ics",
            f"{base}materials/{objects[material].pk}/",
        }
    return urls


def refused(response):
    if response.status_code in (403, 404, 405, 410):
        return True
    return response.status_code == 302 and response["Location"].startswith("/members/login/")


@pytest.mark.django_db
def test_the_walk_asks_for_real_objects(objects):
    walked = protected_paths(*arg_sets(objects))
    expected = expected_object_urls(objects)
    assert expected <= set(walked)
    assert set(object_paths(*arg_sets(objects))) == expected


@pytest.mark.django_db
def test_every_protected_url_refuses_everyone_without_both_factors(
    django_user_model, people, objects
):
    clients = visitors(django_user_model, people)
    failures = []
    for url in protected_paths(*arg_sets(objects)):
        for name, client in clients.items():
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if not refused(response):
                    failures.append(f"{name} {method.upper()} {url} → {response.status_code}")
    assert not failures, "\n".join(failures)
    # Refused before anything happened: nothing was downloaded, nobody answered.
    assert not Download.objects.filter(resource=objects["resource"]).exists()
    assert not Download.objects.filter(material=objects["course_material"]).exists()
    assert not EventResponse.objects.filter(event__in=[objects["event"], objects["case"]]).exists()


@pytest.mark.django_db
def test_a_member_of_the_audience_gets_every_object_the_walk_asks_for(people, objects):
    """The positive control: the walked URLs reach real objects, and refusals mean something."""
    client = Client()
    log_in(client, people["walker"])
    failures = []
    for url in object_paths(*arg_sets(objects)):
        if ANSWER.fullmatch(url):
            response = client.post(url, {"answer": "yes", "people": "2"})
            event_url = url.removesuffix("answer/")
            if response.status_code != 302 or response["Location"] != event_url:
                failures.append(f"POST {url} → {response.status_code}")
            continue
        response = client.get(url)
        if response.status_code != 200:
            failures.append(f"GET {url} → {response.status_code}")
        elif response.streaming and not b"".join(response.streaming_content):
            failures.append(f"GET {url} → an empty file")
    assert not failures, "\n".join(failures)
    answered = EventResponse.objects.filter(user=people["walker"], attending=True, people=2)
    assert set(answered.values_list("event_id", flat=True)) == {
        objects["event"].pk,
        objects["case"].pk,
    }
    # The library file and the course material were each downloaded once (previews are not
    # counted), by the walker.
    downloads = Download.objects.filter(user=people["walker"])
    assert set(downloads.values_list("resource_id", "material_id")) == {
        (objects["resource"].pk, None),
        (None, objects["course_material"].pk),
    }
    assert downloads.count() == 2


@pytest.mark.django_db
def test_members_only_pages_need_both_factors_and_a_live_organization(
    django_user_model, people, pages
):
    parent = pages["ja"]["network"]
    secret = ContentPage(title="会員向け", slug="members-only")
    parent.add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    clients = visitors(django_user_model, people)
    for name, client in clients.items():
        response = client.get(secret.url)
        assert refused(response), name
    ok = Client()
    log_in(ok, people["walker"])
    assert ok.get(secret.url).status_code == 200
    assert Page.objects.filter(pk=secret.pk).exists()
