"""The demo tells a woman where to go, not only who exists: the resident-record
restriction, protection orders, temporary protection, life after leaving home,
the prefecture's DV line, real crisis lines, pages for teenagers and for people
who want to help. Every page is there, and renders, in every language."""

import re
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page

from core.furigana import base_text
from demo import content_files

NEW_PAGES = [
    "window-saitama",
    "window-houterasu",
    "window-yorisoi",
    "window-child-sos",
    "topic-resident-record",
    "topic-protection-order",
    "topic-temporary-protection",
    "topic-after-leaving",
    "topic-teens",
    "topic-helping-someone",
]
# Pages that link to the new ones, or whose links this work added.
LINKING_PAGES = ["topic-dv", "window-hub", "topic-young-women", "network-join"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CRISIS_LINE = "0120-279-338"  # よりそいホットライン, 24 hours (demo/official_numbers.py)


def path_of(key):
    """The page's URL path after the language prefix, from the slugs of its parents."""
    source = content_files.load(content_files.SOURCE_LANGUAGE)
    slugs = []
    while source[key]["type"] != "home":
        slugs.insert(0, source[key]["slug"])
        key = source[key]["parent"]
    return "".join(f"{slug}/" for slug in slugs)


def url(code, key):
    return f"/{code}/{path_of(key)}"


def relative_links(code, key):
    text = "\n".join(
        block.get("text", "") for block in content_files.load(code)[key].get("body", [])
    )
    return [href for href in re.findall(r'href="([^"]+)"', text) if not href.startswith("http")]


def assert_built_and_linked_in_every_language(client, keys):
    """Each page is live in every language (not an alias), shows its own title there,
    and its relative links answer."""
    source = content_files.load(content_files.SOURCE_LANGUAGE)
    for key in keys:
        ja_page = Page.objects.get(
            url_path__endswith=f"/{path_of(key)}", locale__language_code="ja"
        )
        for code in LANGUAGES:
            translated = Page.objects.filter(
                translation_key=ja_page.translation_key,
                locale__language_code=code,
                alias_of__isnull=True,
                live=True,
            )
            assert translated.exists(), (code, key)
            spec = content_files.load(code).get(key, source[key])
            response = client.get(url(code, key))
            assert response.status_code == 200, (code, key)
            assert escape(base_text(spec["title"])) in response.content.decode(), (code, key)
            for href in relative_links(code, key):
                target = urljoin(url(code, key), href)
                assert client.get(target).status_code == 200, (code, key, target)


@pytest.mark.django_db
def test_the_new_pages_exist_render_and_link_in_every_language(client):
    call_command("load_demo", no_users=True, stdout=None)
    assert_built_and_linked_in_every_language(client, NEW_PAGES + LINKING_PAGES)


@pytest.mark.django_db
def test_the_dv_topic_and_the_hub_lead_to_the_resident_record_page(client):
    for key in ("topic-dv", "window-hub"):
        page_url = url("ja", key)
        targets = {urljoin(page_url, href) for href in relative_links("ja", key)}
        assert url("ja", "topic-resident-record") in targets, key
        html = client.get(page_url).content.decode()
        assert "resident-record/" in html, key


@pytest.mark.django_db
def test_searching_for_juminhyo_finds_the_resident_record_page(client):
    response = client.get("/ja/search/", {"q": "住民票"})
    assert response.status_code == 200
    results = response.content.decode().split('class="results search-results"')[1]
    assert f'href="{url("ja", "topic-resident-record")}"' in results


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ja", "en"])
def test_the_mental_health_pages_name_a_crisis_line_with_its_number(client, code):
    for key in ("topic-mental-health", "window-health"):
        html = client.get(url(code, key)).content.decode()
        assert CRISIS_LINE in html, (code, key)
    topic = client.get(url(code, "topic-mental-health")).content.decode()
    assert "0570-064-556" in topic
    assert "0120-783-556" in topic
    assert url(code, "window-yorisoi") in topic


@pytest.mark.django_db
def test_the_health_window_no_longer_sends_suicidal_readers_to_the_dv_line(client):
    spec = content_files.load("ja")["window-health"]
    closing = spec["body"][-1]["text"]
    assert "DV相談＋" not in closing
    assert "よりそいホットライン" in closing and CRISIS_LINE in closing
