"""Every URL of the project, asked for by every kind of visitor who must be refused.

A new view under /members/ or /admin/ cannot forget its check: this walk
finds it and asks for it as each visitor.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage
from members.models import Organization
from tests.auth import PASSWORD, log_in, make_user

OPEN_MEMBER_PATHS = (
    "/members/login/",
    "/members/verify/",
    "/members/logout/",
    "/members/invitation/",
    "/members/password-reset/",
)
SAMPLE_ARGS = {"token": "x", "pk": "1", "uidb64": "MQ", "translation_id": "1", "page_id": "1"}


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


def concrete(path):
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_ARGS.get(m.group(1), "1"), path)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLE_ARGS.get(m.group(1), "1"), path)
    path = re.sub(r"[\\^$?*+()\[\]]", "", path)
    return "/" + path.lstrip("/")


def protected_paths():
    paths = set()
    for path in all_paths():
        url = concrete(path)
        if url.startswith("/admin/") or (
            url.startswith("/members/") and not url.startswith(OPEN_MEMBER_PATHS)
        ):
            paths.add(url)
    return sorted(paths)


def test_the_walk_finds_the_members_and_admin_views():
    paths = protected_paths()
    assert "/members/" in paths
    assert "/members/organization/" in paths
    assert "/admin/pages/1/edit/" in paths or any(p.startswith("/admin/pages/") for p in paths)
    assert len(paths) > 100


def visitors(django_user_model, organization):
    anonymous = Client()
    password_only = Client()
    member = make_user(django_user_model, "walker", organization=organization)
    password_only.post("/members/login/", {"username": "walker", "password": PASSWORD})
    deactivated_user = make_user(django_user_model, "gone", organization=organization)
    deactivated = Client()
    log_in(deactivated, deactivated_user)
    django_user_model.objects.filter(pk=deactivated_user.pk).update(is_active=False)
    closed_org = Organization.objects.create(
        name="closed",
        kind="npo",
        address="-",
        contact_name="-",
        email="c@example.jp",
        phone="-",
        is_active=False,
    )
    closed_member = make_user(django_user_model, "closed", organization=closed_org)
    closed = Client()
    log_in(closed, closed_member)
    return {
        "anonymous": anonymous,
        "password only": password_only,
        "deactivated": deactivated,
        "closed organization": closed,
    }, member


def refused(response):
    if response.status_code in (403, 404, 405, 410):
        return True
    return response.status_code == 302 and response["Location"].startswith("/members/login/")


@pytest.mark.django_db
def test_every_protected_url_refuses_everyone_without_both_factors(
    django_user_model, organization, pledge
):
    clients, _ = visitors(django_user_model, organization)
    failures = []
    for url in protected_paths():
        for name, client in clients.items():
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if not refused(response):
                    failures.append(f"{name} {method.upper()} {url} → {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_members_only_pages_need_both_factors_and_a_live_organization(
    django_user_model, organization, pledge, pages
):
    parent = pages["ja"]["network"]
    secret = ContentPage(title="会員向け", slug="members-only")
    parent.add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    clients, member = visitors(django_user_model, organization)
    for name, client in clients.items():
        response = client.get(secret.url)
        assert refused(response), name
    ok = Client()
    log_in(ok, member)
    assert ok.get(secret.url).status_code == 200
    assert Page.objects.filter(pk=secret.pk).exists()
