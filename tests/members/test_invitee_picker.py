"""The invitee picker lists people grouped by organization, with a search box."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.forms import EventAdminForm, InviteePicker
from members.models import Organization

from .event_factory import make_member

ADD = "/admin/snippets/events/event/add/"


@pytest.fixture
def people(django_user_model, organization, pledge):
    other = Organization.objects.create(
        name="あいうえお相談室",
        kind="npo",
        address="上尾市",
        contact_name="佐藤",
        email="aiu@example.jp",
        phone="048",
    )
    closed = Organization.objects.create(
        name="閉じた事業所",
        kind="npo",
        address="上尾市",
        contact_name="鈴木",
        email="closed@example.jp",
        phone="048",
        is_active=False,
    )
    hanako = make_member(django_user_model, "hanako", organization)
    hanako.first_name, hanako.last_name = "Hanako", "Yamada"
    hanako.save()
    return {
        "hanako": hanako,
        "taro": make_member(django_user_model, "taro", other),
        "closed": make_member(django_user_model, "gone", closed),
    }


def groups(field):
    return {str(name): [str(label) for _value, label in options] for name, options in field.choices}


@pytest.mark.django_db
def test_people_are_grouped_by_organization_and_staff_apart(people, staff):
    field = EventAdminForm.base_fields["invitees"]
    with translation.override("en"):
        grouped = groups(field)
    assert grouped["テスト事業所"] == ["Hanako Yamada"]
    assert grouped["あいうえお相談室"] == ["taro"]
    assert "staff" in grouped["Staff"]
    assert not any("gone" in labels for labels in grouped.values())  # closed organization
    names = list(grouped)
    assert names.index("あいうえお相談室") < names.index("テスト事業所")


@pytest.mark.django_db
def test_the_picker_renders_one_fieldset_per_organization_with_a_search_box(people):
    field = EventAdminForm.base_fields["invitees"]
    widget = field.widget
    assert isinstance(widget, InviteePicker)
    with CaptureQueriesContext(connection) as captured:
        html = widget.render("invitees", [people["taro"].pk], {"id": "id_invitees"})
    assert len(captured) == 1  # one query, however many people and organizations
    legends = re.findall(r"<legend>(.*?)</legend>", html)
    assert "テスト事業所" in legends and "あいうえお相談室" in legends
    # Without JavaScript the search box stays hidden and every checkbox is there.
    assert re.search(r'<p class="invitee-picker__search" hidden>', html)
    assert 'type="search"' in html and "data-invitee-search" in html
    taro = re.search(rf'<input[^>]*value="{people["taro"].pk}"[^>]*>', html).group(0)
    assert "checked" in taro
    assert html.count('type="checkbox"') == field.queryset.count()
    assert "events/admin/invitee_picker.js" in str(widget.media)


@pytest.mark.django_db
def test_the_event_form_shows_the_picker(staff_client, people):
    html = staff_client.get(ADD).content.decode()
    assert "data-invitee-picker" in html
    assert "events/admin/invitee_picker.js" in html
    assert "あいうえお相談室" in html


@pytest.mark.browser
@pytest.mark.django_db
def test_the_search_box_narrows_the_people_down_in_a_browser(people):
    """The widget's own markup and script in Chromium (no server needed)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    field = EventAdminForm.base_fields["invitees"]
    html = field.widget.render("invitees", [people["taro"].pk], {"id": "id_invitees"})
    script = (Path(settings.BASE_DIR) / "events/static/events/admin/invitee_picker.js").read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(f"<!doctype html><body>{html}<script>{script}</script></body>")
        search = page.locator("#id_invitees-search")
        assert search.is_visible()  # shown only once the script runs

        def shown(text):
            return page.get_by_text(text, exact=True).is_visible()

        search.fill("hanako")
        assert shown("Hanako Yamada")
        assert shown("taro")  # already chosen: never hidden
        search.fill("zzz")
        assert not shown("Hanako Yamada")
        search.fill("テスト事業")  # an organization's name shows its people
        assert shown("Hanako Yamada")
        search.fill("")
        assert shown("Hanako Yamada") and shown("taro")
        browser.close()
