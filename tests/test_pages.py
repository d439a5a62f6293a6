import pytest
from wagtail.models import Page


def public_pages():
    return Page.objects.live().public().filter(depth__gt=1).specific()


@pytest.mark.django_db
def test_every_demo_page_renders_with_the_quick_exit(client):
    pages = list(public_pages())
    assert len(pages) > 60  # Japanese and English demo trees
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert 'id="quick-exit"' in html, page.url
        assert "<title>" in html and '<meta name="description"' in html, page.url


def test_consultation_window_shows_how_to_get_in_touch(client, pages):
    hub = pages["ja"]["one-stop"]
    html = client.get(hub.url).content.decode()
    assert f'href="{hub.phone_href}"' in html
    assert hub.email in html
    assert "通訳" in html or "interpreter" in html


def test_topic_lists_the_windows_in_the_readers_language(client, pages):
    html = client.get("/en/topics/dv/").content.decode()
    hub_en = pages["en"]["one-stop"]
    assert f'href="{hub_en.url}"' in html
    assert pages["ja"]["one-stop"].url not in html


def test_hub_contact_details_appear_on_every_page(client, pages):
    hub = pages["en"]["one-stop"]
    for url in ("/en/", "/en/faq/", "/en/news/"):
        assert hub.phone in client.get(url).content.decode()


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'id="quick-exit"' in response.content.decode()


def test_sitemap_lists_pages_in_every_built_language(client, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"
    settings.PAGE_CACHE_SECONDS = 0
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://portal.example.jp/ja/topics/dv/</loc>" in xml
    assert "<loc>https://portal.example.jp/en/topics/dv/</loc>" in xml
    assert "localhost" not in xml


def test_every_page_leads_to_the_roster_and_the_sign_up_form(client, db):
    html = client.get("/ko/").content.decode()
    assert 'href="/ko/network/organizations/"' in html
    assert 'href="/ko/join/apply/"' in html
