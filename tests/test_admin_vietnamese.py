"""A staff member who chooses Vietnamese in her Wagtail account gets the admin in it.

Wagtail's own Vietnamese covers part of the admin; the project's screens (the
dashboard's panels, events, applications) are in the site's Vietnamese
catalogue. What no catalogue has is English, never the Japanese of the site's
default language (core/translation_fallback.py).
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.test_admin_japanese import editor_content, interface_texts

KANA = re.compile(r"[\u3040-\u30ff]")


def without(text, content):
    """The text with what editors wrote taken out of it."""
    for written in sorted((c for c in content if len(c) > 1 and c in text), key=len, reverse=True):
        text = text.replace(written, "")
    return text


def choose_language(client, code):
    """Account → Settings, as the browser sends it: every panel's values, one changed."""
    response = client.get("/admin/account/")
    assert f'<option value="{code}"' in response.content.decode()
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name in form.fields:
                value = form[name].value()
                if value is not None and "password" not in name and name != "avatar":
                    data[form.add_prefix(name)] = value
    data["locale-preferred_language"] = code
    response = client.post("/admin/account/", data)
    errors = [
        form.errors
        for panels in (response.context or {}).get("panels_by_tab", {}).values()
        for form in (panel.get_form() for panel in panels)
        if form.is_bound and form.errors
    ]
    assert response.status_code == 302, errors
    client.get(response["Location"])  # "settings changed", said in the language before
    return response


@pytest.mark.django_db
def test_vietnamese_where_wagtail_has_it_and_english_beyond(staff_client, staff, pages):
    staff.first_name, staff.last_name = "Lan", "Tran"  # Wagtail's account form asks for them
    staff.save()
    choose_language(staff_client, "vi")
    assert UserProfile.get_for_user(staff).preferred_language == "vi"
    # What editors wrote (titles inside "Editing …: <title>") and the languages' own names.
    content = editor_content() | {name for _code, name in settings.LANGUAGES}
    edit = reverse("wagtailadmin_pages:edit", args=[pages["ja"]["one-stop"].pk])
    for url, vietnamese, english in (
        ("/admin/", "Bản dịch cũ hơn bản tiếng Nhật", None),  # the project's panel
        (edit, "Xuất bản", "Save draft"),  # Wagtail's "Publish"; "Save draft" it lacks
        ("/admin/members/applications/", "Đơn đăng ký", None),
    ):
        response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="vi"' in html, url
        texts = interface_texts(html) - content
        assert any(vietnamese in t for t in texts), (url, vietnamese)
        if english:
            assert english in texts, url
        japanese = sorted(t for t in texts if KANA.search(without(t, content)))
        assert not japanese, f"Japanese on {url} in the Vietnamese admin: {japanese}"


@pytest.mark.django_db
def test_the_members_area_and_the_admin_read_one_preference(staff_client, staff):
    staff.first_name, staff.last_name = "Lan", "Tran"
    staff.save()
    choose_language(staff_client, "vi")
    assert '<html lang="vi"' in staff_client.get("/members/").content.decode()
    staff_client.post("/members/account/language/", {"language": "ja", "next": "/members/"})
    assert '<html lang="ja"' in staff_client.get("/admin/").content.decode()


def test_japanese_and_easy_japanese_keep_japanese_behind_them():
    from django.utils import translation

    with translation.override("tl"):
        assert translation.gettext("This field is required.") == "This field is required."
    with translation.override("ja-x-easy"):
        assert translation.gettext("Save draft") == "下書きを保存"
