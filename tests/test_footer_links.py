"""Every public page's footer leads to the privacy page, in the reader's language."""

import pytest

from home.models import NetworkSettings


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ja", "en", "ne"])
def test_the_footer_links_the_privacy_page_in_the_readers_language(client, lang):
    privacy = NetworkSettings.load().privacy_page
    assert privacy is not None, "the demo chooses a privacy page"
    localized = privacy.get_translation_or_none(
        privacy.locale.__class__.objects.get(language_code=lang)
    )
    page = client.get(f"/{lang}/").content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert f'href="{(localized or privacy).url}"' in footer
