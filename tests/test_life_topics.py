"""The pages a woman looking for help needs beyond the windows: money, work,
housing, body and mind, and outreach. Each is there in every language with its own
title, its links lead somewhere, its numbers are official, and the pages around
it lead to it. Text channels for young women, and the print area open to anyone."""

import re
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.management import call_command

from core.furigana import base_text
from demo import content_files
from demo.official_numbers import OFFICIAL, PLACEHOLDER_PREFIX
from tests.test_demo_where_to_go import assert_built_and_linked_in_every_language
from tests.test_official_numbers import page_text, phone_numbers

LIFE_TOPICS = ["topic-money", "topic-work", "topic-housing", "topic-health", "topic-outreach"]
# Pages that lead to them, to the text channels or to the print area.
LINKING_PAGES = [
    "topic-poverty",
    "topic-single-parents",
    "topic-young-women",
    "network-about",
    "network-join",
    "news-leaflet",
]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = content_files.SOURCE_LANGUAGE
TRANSLATIONS = content_files.available_translations()


def source():
    return content_files.load(SOURCE)


def path_of(key):
    pages = source()
    slugs = []
    while pages[key]["type"] != "home":
        slugs.insert(0, pages[key]["slug"])
        key = pages[key]["parent"]
    return "".join(f"{slug}/" for slug in slugs)


def url(code, key):
    return f"/{code}/{path_of(key)}"


def hrefs(code, key):
    spec = content_files.load(code)[key]
    text = "\n".join(block.get("text", "") for block in spec.get("body", []))
    return re.findall(r'href="([^"]+)"', text)


def targets(code, key):
    """Where the page's relative links lead, as URL paths."""
    return {urljoin(url(code, key), href) for href in hrefs(code, key) if "://" not in href}


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_life_topic_is_translated_with_its_own_title(code):
    for key in LIFE_TOPICS:
        spec = content_files.load(code).get(key)
        assert spec is not None, (code, key)
        for field in ("title", "lead", "search_description"):
            assert spec.get(field), (code, key, field)
            assert spec[field] != source()[key][field], (code, key, field)
        assert len(spec["body"]) == len(source()[key]["body"]), (code, key)


def test_the_life_topics_are_topics_that_list_existing_windows():
    pages = source()
    for key in LIFE_TOPICS:
        assert pages[key]["type"] == "topic" and pages[key]["parent"] == "topics", key
        assert pages[key]["windows"], key
        for window in pages[key]["windows"]:
            assert pages[window]["type"] == "window", (key, window)


@pytest.mark.parametrize("code", [SOURCE, *TRANSLATIONS])
def test_the_life_topics_show_only_official_or_placeholder_numbers(code):
    for key in LIFE_TOPICS:
        for number in phone_numbers(page_text(content_files.load(code)[key])):
            assert number in OFFICIAL or number.startswith(PLACEHOLDER_PREFIX), (code, key, number)


@pytest.mark.parametrize("code", [SOURCE, *TRANSLATIONS])
def test_the_body_and_mind_page_gives_crisis_lines_with_their_numbers(code):
    text = base_text(page_text(content_files.load(code)["topic-health"]))
    for number in ("0120-279-338", "0120-783-556", "0570-064-556"):
        assert number in text and number in OFFICIAL, (code, number)


@pytest.mark.parametrize("code", [SOURCE, *TRANSLATIONS])
def test_the_pages_around_them_lead_to_the_life_topics(code):
    assert {url(code, k) for k in ("topic-money", "topic-work", "topic-housing")} <= targets(
        code, "topic-poverty"
    )
    assert {url(code, k) for k in ("topic-money", "topic-work")} <= targets(
        code, "topic-single-parents"
    )
    assert {url(code, k) for k in ("topic-health", "topic-outreach")} <= targets(
        code, "topic-young-women"
    )


@pytest.mark.parametrize("code", [SOURCE, *TRANSLATIONS])
def test_young_women_find_national_text_channels(code):
    links = hrefs(code, "topic-young-women")
    for channel in ("https://curetime.jp/", "https://talkme.jp/", "https://yorisoi-chat.jp/"):
        assert channel in links, (code, channel)
    assert "https://www.mhlw.go.jp/mamorouyokokoro/" in links, code


def test_the_sexual_violence_line_offers_its_chat():
    channels = source()["window-8891"]["channels"]
    assert {"type": "chat", "url": "https://curetime.jp/"}.items() <= channels[0].items()
    for code in TRANSLATIONS:
        assert len(content_files.load(code)["window-8891"]["channels"]) == len(channels), code


@pytest.mark.parametrize("code", [SOURCE, *TRANSLATIONS])
def test_the_print_area_is_open_to_anyone_and_linked(code):
    for key in ("network-about", "network-join", "news-leaflet"):
        assert url(code, "printables") in targets(code, key), (code, key)
    # The leaflet news no longer sends readers to the members' pages for print files.
    leaflet = page_text(content_files.load(code)["news-leaflet"])
    for members_pages in (
        "会員ページ",
        "members' pages",
        "会员页面",
        "회원 페이지",
        "members' page",
    ):
        assert members_pages not in leaflet, (code, members_pages)


@pytest.mark.django_db
def test_the_life_topics_render_and_their_links_resolve_in_every_language(client):
    call_command("load_demo", no_users=True, stdout=None)
    assert_built_and_linked_in_every_language(client, LIFE_TOPICS + LINKING_PAGES)
    # The topics section lists the new pages; a topic page shows its windows' phones.
    topics = client.get(url("ja", "topics")).content.decode()
    for key in LIFE_TOPICS:
        assert f'href="{url("ja", key)}"' in topics, key
    housing = client.get(url("en", "topic-housing")).content.decode()
    assert source()["window-living"]["phone"] in housing
