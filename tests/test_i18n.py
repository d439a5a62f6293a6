import re

import pytest
from django.conf import settings


def test_root_redirects_to_japanese_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("en-US,en;q=0.9", "/en/"), ("pt-BR,pt;q=0.8", "/pt-br/"), ("ne", "/ne/"), ("fr", "/ja/")],
)
def test_root_follows_the_browser_language_when_the_site_has_it(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response["Location"] == expected
    assert not response.cookies


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_has_a_home_with_the_right_html_lang(client, db, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()


def test_hreflang_alternates_name_every_translation(client, pages):
    html = client.get("/en/topics/dv/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates["ja"].endswith("/ja/topics/dv/")
    assert alternates["en"].endswith("/en/topics/dv/")
    assert alternates["x-default"] == alternates["ja"]
    translated = {
        p.locale.language_code for p in pages["en"]["dv"].get_translations(inclusive=True)
    }
    assert set(alternates) - {"x-default"} == translated


def test_language_switcher_keeps_the_reader_on_the_same_page(client, db):
    html = client.get("/ja/topics/dv/").content.decode()
    switcher = html[html.index('class="languages"') :]
    assert 'href="/en/topics/dv/" hreflang="en"' in switcher
    for code, _ in settings.LANGUAGES:
        assert f'hreflang="{code}" lang="{code}"' in switcher


def test_interface_strings_follow_the_language(client, db):
    assert "Quick exit" in client.get("/en/").content.decode()
    for code in ("ja", "zh-hans", "ko", "vi", "pt-br", "tl", "ne", "ja-x-easy"):
        assert "Quick exit" not in client.get(f"/{code}/").content.decode(), code


def test_non_page_views_switch_language_by_url(client, db):
    html = client.get("/en/search/").content.decode()
    assert 'href="/ko/search/"' in html
