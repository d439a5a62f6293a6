"""A malformed or made-up address answers 404 (or a refusal), never 500, and tells nothing.

Every URL pattern the project mounts is asked for with arguments no link
would carry, by an anonymous reader, a member and an editor.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from tests.auth import log_in
from tests.members.test_access_walk import all_paths

ODD_VALUES = ["0", "99999999999", "x", "%00", "..%2F..", "%E6%97%A5", "a" * 300, "-1"]
PATTERN_ARGUMENT = re.compile(r"<(?:\w+:)?\w+>|\((?:\?P<\w+>)?[^)]*\)")
MADE_UP = [
    "/images/abc//width-4/x.png",
    "/images/abc/1/width-4/x.png",
    "/images/%00/1/%00/x.png",
    "/images/abc/99999999999999999999/width-4/x.png",
    "/documents/1/",
    "/documents/99999999999999999999/x.pdf",
    "/documents/1/..%2F..%2Fsettings.py",
    "/members/calendar/%FF.ics",
    "/members/invitation/%00/",
    "/en/search/?q=%00",
    "/en/search/?q=%ED%A0%80",
    "/en/search/?page=-1&q=a",
    "/en/search/?page=99999999999999999999&q=a",
    "/en/news/?page=x",
    "/en/%E6%97%A5/",
    "/en/network/organizations/?offer=%00&offer=x",
    "/sitemap.xml?p=999",
    "/sitemap.xml?p=x",
    "/members/library/?topic=99999999999999999999&kind=x&language=x",
    "/members/library/?topic=-1&q=%00",
    "/members/events/?page=99999999999999999999",
]


def odd_urls():
    urls = set(MADE_UP)
    for path in all_paths():
        arguments = PATTERN_ARGUMENT.findall(path)
        if not arguments:
            continue
        for value in ODD_VALUES:
            url = "/" + PATTERN_ARGUMENT.sub(value, path).lstrip("^").rstrip("$")
            urls.add(re.sub(r"[\\^$?*+\[\]]", "", url))
    return sorted(urls)


def no_server_errors(client, urls):
    failures = []
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url} → {response.status_code}")
    return failures


@pytest.mark.django_db
def test_anonymous_readers_never_get_a_server_error():
    client = Client(raise_request_exception=False)
    assert not no_server_errors(client, odd_urls())


@pytest.mark.django_db
def test_members_and_editors_never_get_a_server_error(member, staff):
    urls = [url for url in odd_urls() if not url.startswith("/admin/")]
    admin = [url for url in odd_urls() if url.startswith("/admin/")]
    member_client = Client(raise_request_exception=False)
    log_in(member_client, member)
    editor = Client(raise_request_exception=False)
    log_in(editor, staff)
    failures = no_server_errors(member_client, urls) + no_server_errors(editor, urls + admin)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_an_image_address_says_nothing_of_which_images_exist(member):
    from wagtail.models import Collection

    from tests.resources import samples

    public = samples.image(Collection.get_first_root_node(), title="public")
    private = samples.image(samples.collection("Members only", restricted=True), title="private")
    answers = set()
    for image_id in (public.pk, private.pk, 999999):
        url = f"/images/forged/{image_id}/width-4/x.png"
        response = Client().get(url)
        content = response.content.decode()
        for form in (url, quote(url, safe=""), quote(url)):
            content = content.replace(form, "URL")
        answers.add((response.status_code, content))
    assert len(answers) == 1
    assert next(iter(answers))[0] == 404
