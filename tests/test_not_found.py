"""The 404 page: in the language of the address asked for, with the quick exit and the
site's header and footer, cheap, and the same whether a members-only page exists or not."""

import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import ContentPage

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
# As for any public page (tests/test_queries.py): finding that nothing is there (site,
# locale, the page tree, redirects) and the frame of the page (settings, pages, restrictions).
MAX_QUERIES = 10


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    return response.content.decode()


@pytest.mark.django_db
def test_a_missing_english_page_answers_in_english_with_the_quick_exit(client):
    html = not_found(client, "/en/does-not-exist/")
    assert '<html lang="en"' in html
    assert "Page not found" in html
    assert 'id="quick-exit"' in html
    assert "Quick exit" in html
    # What frames every public page: the one-stop window's phone, the menu, the footer.
    home = client.get("/en/").content.decode()
    for essential in ('class="site-header"', 'class="wrap hub-line"', 'class="site-nav"'):
        assert essential in home and essential in html
    assert 'class="site-footer"' in html and 'id="footer-hub"' in html
    assert re.search(r'href="tel:\d+"', html)
    assert 'href="/en/"' in html  # back to the English home, not to /
    assert 'name="robots" content="noindex"' in html
    assert not client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_page_answers_in_the_language_of_its_address(client, lang):
    html = not_found(client, f"/{lang}/nothing/here/")
    assert f'<html lang="{lang}"' in html
    assert 'id="quick-exit"' in html
    assert f'class="brand" href="/{lang}/"' in html
    if lang != "en":
        assert "Page not found" not in html


@pytest.mark.django_db
def test_a_missing_nepali_page_is_in_nepali(client):
    html = not_found(client, "/ne/does-not-exist/")
    assert '<html lang="ne"' in html
    assert "Page not found" not in html and "Quick exit" not in html
    assert re.search("[\u0900-\u097f]", html.split("<main", 1)[1])  # Devanagari


@pytest.mark.django_db
def test_the_404_page_is_cheap(client):
    not_found(client, "/en/does-not-exist/")  # warms Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        not_found(client, "/en/does-not-exist/")
    assert len(queries) <= MAX_QUERIES


@pytest.mark.django_db
def test_a_members_only_page_gives_the_same_404_as_a_missing_page(client, pages):
    secret = ContentPage(title="会員だけの手引き", slug="members-only-guide", lead="内密の手引き")
    pages["en"]["network"].add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    hidden_path = secret.get_url()
    missing_path = "/en/network/no-such-guide/"
    assert hidden_path.startswith("/en/network/")
    hidden = not_found(client, hidden_path).replace(hidden_path, "PATH")
    missing = not_found(client, missing_path).replace(missing_path, "PATH")
    hidden = hidden.replace(hidden_path.strip("/").split("/", 1)[1], "PATH")
    missing = missing.replace(missing_path.strip("/").split("/", 1)[1], "PATH")
    assert hidden == missing
    assert "会員だけの手引き" not in hidden and "内密" not in hidden
