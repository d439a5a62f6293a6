"""Cards, a leaflet and a poster to print, made from the site's own windows in each
language (home.models.printables), with the official numbers on them."""

import re

import pytest
from wagtail.models import Locale

from demo.official_numbers import OFFICIAL
from home.models import ConsultationWindowPage, NetworkSettings, PrintablesPage
from tests.public_pages import LANGUAGES, assert_public_page, directives, other_hosts

ITEMS = ["card", "leaflet", "poster"]


def urls(lang):
    return [f"/{lang}/print/", *(f"/{lang}/print/{item}/" for item in ITEMS)]


def windows(lang):
    locale = Locale.objects.get(language_code=lang)
    return list(ConsultationWindowPage.objects.live().filter(locale=locale).order_by("path"))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_download_area_and_each_item_are_public_pages_in_every_language(client, lang):
    for url in urls(lang):
        assert_public_page(client.get(url), lang)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_area_links_each_item_in_the_same_language(client, lang):
    html = client.get(f"/{lang}/print/").content.decode()
    for item in ITEMS:
        assert f'href="/{lang}/print/{item}/"' in html


@pytest.mark.django_db
def test_items_may_be_kept_by_shared_caches_like_other_public_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    expected = directives(client.get("/en/faq/"))
    assert expected == {"public": "", "max-age": "0", "s-maxage": "600"}
    for url in urls("en") + urls("ne"):
        response = client.get(url)
        assert directives(response) == expected, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.django_db
def test_an_unknown_item_is_missing(client):
    assert client.get("/en/print/brochure/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ja", "en", "ko"])
def test_the_card_and_poster_carry_the_hub_and_the_lines_for_immediate_danger(client, lang):
    hub = NetworkSettings.load().hub_window
    urgent = [w for w in windows(lang) if w.urgent and w.phone]
    assert urgent, "the demo has lines for immediate danger"
    for item in ("card", "poster"):
        html = client.get(f"/{lang}/print/{item}/").content.decode()
        assert hub.phone in html, item
        assert "110" in html and "119" in html, item
        for window in urgent[:4]:
            assert f"<b>{window.phone}</b>" in html, (item, window.phone)
    card = client.get(f"/{lang}/print/card/").content.decode()
    assert card.count('class="cards-card"') == 10


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ja", "en", "vi"])
def test_the_leaflet_lists_every_window_with_its_official_number(client, lang):
    html = client.get(f"/{lang}/print/leaflet/").content.decode()
    shown = [w for w in windows(lang) if w.phone]
    official = [w.phone for w in shown if w.phone in OFFICIAL]
    assert len(official) >= 10, "the demo's windows give the official numbers"
    for window in shown:
        assert window.phone in html, window.phone
    for number in official:
        assert number in OFFICIAL


@pytest.mark.django_db
def test_an_edited_number_reaches_the_paper_when_published(client):
    police = ConsultationWindowPage.objects.get(locale__language_code="ja", slug="police")
    police.phone = "110"
    police.title = "警察（テスト）"
    police.save_revision().publish()
    assert "警察（テスト）" in client.get("/ja/print/card/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("item", ["card", "poster", "leaflet"])
def test_the_qr_code_is_drawn_here_and_opens_the_site_in_that_language(client, item):
    html = client.get(f"/ko/print/{item}/").content.decode()
    assert re.search(r'<svg[^>]*class="qr"', html)
    assert "<title>http://testserver/ko/</title>" in html
    assert other_hosts(html) == set()


@pytest.mark.django_db
def test_a_window_made_members_only_leaves_the_paper(client):
    from wagtail.models import PageViewRestriction

    police = ConsultationWindowPage.objects.get(locale__language_code="ja", slug="police")
    PageViewRestriction.objects.create(page=police, restriction_type="login")
    html = client.get("/ja/print/leaflet/").content.decode()
    assert police.title not in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_links_the_download_area_in_every_language(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="/{lang}/print/"' in footer


@pytest.mark.django_db
def test_the_sitemap_lists_the_items():
    page = PrintablesPage.objects.get(locale__language_code="en")
    locations = [entry["location"] for entry in page.get_sitemap_urls()]
    for item in ITEMS:
        assert any(location.endswith(f"/en/print/{item}/") for location in locations)
