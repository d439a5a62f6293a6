"""A page an editor withdraws is gone in every language and from every page that linked it.

Found by trying the site over HTTP: unpublishing a Japanese page in the admin left
its English translation live, and the header and footer kept linking the pages
chosen in the network settings (the one-stop window, how to hide traces, privacy)
after they were unpublished.
"""

import pytest
from django.test import Client
from wagtail.models import Page

NETWORK_CHOSEN = ("one-stop", "hide-traces", "privacy")


def live(page):
    return Page.objects.get(pk=page.pk).live


def anonymous_get(url):
    return Client().get(url)


def test_unpublishing_a_japanese_page_unpublishes_it_in_every_language(staff_client, pages):
    faq, english, korean = pages["ja"]["faq"], pages["en"]["faq"], pages["ko"]["faq"]
    assert korean.alias_of_id == faq.pk  # untranslated: an alias of the Japanese page
    confirm = staff_client.get(f"/admin/pages/{faq.pk}/unpublish/")
    assert confirm.status_code == 200
    assert "1 translation" in confirm.content.decode() or "translations" in confirm.content.decode()
    response = staff_client.post(f"/admin/pages/{faq.pk}/unpublish/")
    assert response.status_code == 302
    assert not live(faq) and not live(english) and not live(korean)
    for url in ("/ja/faq/", "/en/faq/", "/ko/faq/"):
        assert anonymous_get(url).status_code == 404, url
    for home in ("/ja/", "/en/", "/ko/"):
        html = anonymous_get(home).content.decode()
        assert "/faq/" not in html, home


def test_unpublishing_a_translation_leaves_the_other_languages(staff_client, pages):
    faq, english = pages["ja"]["faq"], pages["en"]["faq"]
    staff_client.post(f"/admin/pages/{english.pk}/unpublish/")
    assert not live(english)
    assert live(faq) and live(pages["ko"]["faq"])
    assert anonymous_get("/ja/faq/").status_code == 200


def test_deleting_a_japanese_page_deletes_it_in_every_language(staff_client, pages):
    faq = pages["ja"]["faq"]
    others = list(Page.objects.translation_of(faq, inclusive=False).values_list("pk", flat=True))
    assert len(others) == 8  # English translated, seven aliases
    response = staff_client.post(f"/admin/pages/{faq.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk__in=[faq.pk, *others]).exists()


@pytest.mark.parametrize("slug", NETWORK_CHOSEN)
def test_a_withdrawn_page_chosen_in_the_settings_is_linked_from_no_page(
    staff_client, pages, slug, django_capture_on_commit_callbacks
):
    page = pages["ja"][slug]
    addresses = {lang: pages[lang][slug].url for lang in ("ja", "en", "ko")}
    for lang, address in addresses.items():
        assert f'href="{address}"' in anonymous_get(f"/{lang}/").content.decode(), lang
    with django_capture_on_commit_callbacks(execute=True):  # the caches are cleared
        staff_client.post(f"/admin/pages/{page.pk}/unpublish/")
    for lang, address in addresses.items():
        assert anonymous_get(address).status_code == 404, address
        for url in (f"/{lang}/", f"/{lang}/news/", f"/{lang}/no-such-page/"):
            html = anonymous_get(url).content.decode()
            assert f'href="{address}"' not in html, (url, address)


def test_a_chosen_page_withdrawn_in_japanese_alone_stays_linked_in_its_translation(pages):
    traces, english = pages["ja"]["hide-traces"], pages["en"]["hide-traces"]
    traces.unpublish()  # outside the admin: the Japanese page alone
    assert live(english)
    assert f'href="{english.url}"' in anonymous_get("/en/").content.decode()
    assert f'href="{traces.url}"' not in anonymous_get("/ja/").content.decode()


def test_moving_a_japanese_page_moves_it_in_every_language(staff_client, pages):
    faq, network = pages["ja"]["faq"], pages["ja"]["network"]
    response = staff_client.post(f"/admin/pages/{faq.pk}/move/{network.pk}/confirm/")
    assert response.status_code == 302
    for lang in ("ja", "en", "ko"):
        moved = Page.objects.get(pk=pages[lang]["faq"].pk)
        assert moved.get_parent().pk == pages[lang]["network"].pk, lang
    assert anonymous_get("/en/network/faq/").status_code == 200
