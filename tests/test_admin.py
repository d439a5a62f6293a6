import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import NetworkSettings


@pytest.fixture
def admin_client(staff_client):
    return staff_client


def test_admin_is_in_japanese_whatever_the_browser_asks(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert 'lang="ja"' in response.content.decode()


def test_an_editor_may_choose_english_for_the_admin(admin_client, django_user_model):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="staff"))
    profile.preferred_language = "en"
    profile.save()
    assert 'lang="en"' in admin_client.get("/admin/").content.decode()


def test_editor_can_open_the_page_editor(admin_client, pages):
    response = admin_client.get(f"/admin/pages/{pages['ja']['one-stop'].pk}/edit/")
    assert response.status_code == 200


def test_english_translation_opens_in_the_translation_editor(admin_client, pages):
    response = admin_client.get(f"/admin/pages/{pages['en']['one-stop'].pk}/edit/")
    assert response.status_code == 200
    assert (
        "wagtail-localize" in response.content.decode()
        or "translation" in response.content.decode()
    )


def test_translation_can_be_downloaded_as_po(admin_client, pages):
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=pages["ja"]["one-stop"].translation_key,
        target_locale=Locale.objects.get(language_code="en"),
    )
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"msgctxt" in response.content


def test_network_settings_choose_the_hub_window(admin_client, pages):
    settings = NetworkSettings.load()
    assert settings.hub_window_id == pages["ja"]["one-stop"].pk
    response = admin_client.get("/admin/settings/home/networksettings/", follow=True)
    assert response.status_code == 200
    assert 'name="hub_window"' in response.content.decode()


def test_built_locales_sync_from_japanese(db):
    from wagtail_localize.models import LocaleSynchronization

    sync = LocaleSynchronization.objects.get(locale__language_code="en")
    assert sync.sync_from.language_code == "ja"


def test_a_new_japanese_page_appears_in_synced_locales(admin_client, pages):
    parent = pages["ja"]["network"]
    data = nested_form_data(
        {
            "title": "新しいページ",
            "slug": "fresh",
            "lead": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/contentpage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    en_parent = pages["en"]["network"]
    assert en_parent.get_children().filter(slug="fresh").exists()
