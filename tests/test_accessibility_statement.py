"""The accessibility statement: a page in every language, linked from every footer."""

import pytest
from wagtail.models import Locale

from home.models import NetworkSettings
from tests.public_pages import LANGUAGES, assert_public_page, directives


def statement_in(lang):
    chosen = NetworkSettings.load().accessibility_page
    assert chosen is not None, "the demo chooses an accessibility statement"
    return chosen.get_translation(Locale.objects.get(language_code=lang))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_is_a_public_page_in_every_language(client, lang):
    html = assert_public_page(client.get(statement_in(lang).url), lang)
    # What the site does, its gaps and how to report a problem: three sections.
    assert html.count("<h2") >= 3


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_footer_links_the_statement_in_the_readers_language(client, lang):
    statement = statement_in(lang)
    for url in (f"/{lang}/", f"/{lang}/faq/", f"/{lang}/network/organizations/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="{statement.url}"' in footer, url


@pytest.mark.django_db
def test_the_statement_may_be_kept_by_shared_caches(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get(statement_in("en").url)
    assert directives(response) == {"public": "", "max-age": "0", "s-maxage": "600"}


@pytest.mark.django_db
def test_the_statement_says_what_the_site_does_its_gaps_and_how_to_report(client):
    html = client.get(statement_in("en").url).content.decode()
    for words in (
        "keyboard",
        "furigana",
        "no JavaScript",
        "quick exit",
        "Known gaps",
        "Tell us about a problem",
    ):
        assert words in html, words


@pytest.mark.django_db
def test_a_statement_not_chosen_leaves_no_link(client):
    network = NetworkSettings.load()
    network.accessibility_page = None
    network.save()
    html = client.get("/en/").content.decode()
    assert 'href="/en/accessibility/"' not in html
