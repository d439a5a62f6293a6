"""QR codes of pages and printable consultation cards, in the admin."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from PIL import Image
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import ContentPage
from tests import qr_matrix
from tests.auth import log_in, make_user

HUB_EN = "http://testserver/en/consultation/one-stop/"
HUB_JA = "http://testserver/ja/consultation/one-stop/"


@pytest.fixture
def editor(staff_client, staff):
    """The staff client, with the admin in English so messages can be read."""
    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "en"})
    return staff_client


def qr_url(name, page, lang=None):
    kwargs = {"page_id": page.pk} | ({"lang": lang} if lang else {})
    return reverse(f"home_qr:{name}", kwargs=kwargs)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# Downloads


@pytest.mark.parametrize("lang,expected", [("en", HUB_EN), ("ja", HUB_JA)])
def test_svg_holds_the_translated_page_url(editor, pages, lang, expected):
    response = editor.get(qr_url("svg", pages["ja"]["one-stop"], lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == f'attachment; filename="one-stop-{lang}.svg"'
    svg = response.content.decode()
    assert 'width="30.0mm"' in svg  # placed as is, 3 cm wide; a vector, so it scales
    assert qr_matrix.from_svg(svg) == qr_matrix.expected(expected)


def test_png_is_print_quality_and_holds_the_url(editor, pages):
    # Asked from the English page: every translation leads to the same downloads.
    response = editor.get(qr_url("png", pages["en"]["one-stop"], "en"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="one-stop-en.png"'
    assert qr_matrix.from_png(response.content) == qr_matrix.expected(HUB_EN)
    image = Image.open(io.BytesIO(response.content))
    assert image.width >= 3 / 2.54 * 600  # 3 cm at 600 dpi
    assert round(image.info["dpi"][0]) == 600


def test_an_unknown_language_is_not_found(editor, pages):
    assert editor.get(qr_url("svg", pages["ja"]["one-stop"], "xx")).status_code == 404


# Languages without a live translation


def test_a_language_without_the_page_is_refused_with_a_reason(editor, pages):
    # The test demo has every locale but translates only into English.
    page = pages["ja"]["one-stop"]
    for name in ("svg", "png", "cards"):
        response = editor.get(qr_url(name, page, "ne"), follow=True)
        assert response.redirect_chain[-1][0] == qr_url("page", page)
        assert any("has no live translation in" in m for m in messages_of(response))
        assert "image/" not in response["Content-Type"]


def test_an_unpublished_translation_is_refused(editor, pages):
    pages["en"]["one-stop"].unpublish()
    response = editor.get(qr_url("png", pages["ja"]["one-stop"], "en"))
    assert response.status_code == 302
    assert response["Location"] == qr_url("page", pages["ja"]["one-stop"])


def test_an_untranslated_copy_is_refused(editor, pages):
    """wagtail-localize's alias shows the Japanese text: not a page in English to print."""
    page = ContentPage(title="新しいお知らせ", slug="new-notice")
    pages["ja"]["consultation"].add_child(instance=page)
    page.save_revision().publish()
    alias = page.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    assert alias.live and alias.alias_of_id == page.pk
    assert editor.get(qr_url("svg", page, "en")).status_code == 302
    assert editor.get(qr_url("svg", page, "ja")).status_code == 200


# The overview page


def test_overview_lists_every_language_with_its_state(editor, pages):
    page = pages["ja"]["one-stop"]
    response = editor.get(qr_url("page", page))
    assert response.status_code == 200
    rows = {row["locale"].language_code: row for row in response.context["rows"]}
    assert list(rows) == [code for code, _name in settings.LANGUAGES]  # the readers' order
    assert rows["en"]["status"] == "live" and rows["en"]["url"] == HUB_EN
    # Nepali is an alias of the Japanese page: no code until it is translated.
    assert rows["ne"]["status"] == "untranslated" and "svg_url" not in rows["ne"]
    html = response.content.decode()
    assert qr_url("svg", page, "en") in html and qr_url("png", page, "ja") in html
    assert qr_url("cards", page, "en") in html
    assert html.count('class="qr"') == 2  # a preview a live language


def test_no_card_sheet_for_a_page_that_is_not_a_window(editor, pages):
    page = pages["ja"]["consultation"]
    response = editor.get(qr_url("page", page))
    assert qr_url("svg", page, "ja") in response.content.decode()
    assert qr_url("cards", page, "ja") not in response.content.decode()
    response = editor.get(qr_url("cards", page, "ja"), follow=True)
    assert messages_of(response) == ["Cards can only be printed for consultation windows."]


def test_the_page_editor_and_the_listing_link_to_the_qr_codes(editor, pages):
    page = pages["ja"]["one-stop"]
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert qr_url("page", page) in edit
    listing = editor.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert qr_url("page", page) in listing.content.decode()


# The card sheet


def test_card_sheet_in_english(editor, pages):
    page = pages["ja"]["one-stop"]
    response = editor.get(qr_url("cards", page, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    window = pages["en"]["one-stop"]
    assert '<html lang="en"' in html
    assert html.count('class="cards-card"') == 10
    assert html.count(window.phone) >= 10 and window.email in html
    assert window.hours.splitlines()[0] in html
    assert "If you are in danger now" in html
    assert "<b>110</b>" in html and "<b>0120-279-889</b>" in html  # urgent windows in the demo
    assert pages["en"]["police"].title in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert qr_matrix.from_svg(svg) == qr_matrix.expected(HUB_EN)
    assert "css/cards.css" in html and "<script" not in html


def test_card_sheet_in_japanese_with_the_editor_hint_in_english(editor, pages):
    response = editor.get(qr_url("cards", pages["ja"]["one-stop"], "ja"))
    html = response.content.decode()
    assert '<html lang="ja"' in html
    assert pages["ja"]["one-stop"].hours.splitlines()[0] in html
    assert "今、危険なときは" in html and "電話" in html
    assert pages["ja"]["police"].title in html
    assert "Print this page on A4 paper" in html  # the editor's own language
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert qr_matrix.from_svg(svg) == qr_matrix.expected(HUB_JA)


def test_a_card_of_an_urgent_window_does_not_repeat_its_own_number(editor, pages):
    html = editor.get(qr_url("cards", pages["ja"]["police"], "en")).content.decode()
    assert "<b>110</b>" not in html and "<b>0120-279-889</b>" in html


def test_windows_list_starts_with_the_hub(editor, pages):
    response = editor.get(reverse("home_qr:windows"))
    assert response.status_code == 200
    windows = response.context["windows"]
    assert windows[0].pk == pages["ja"]["one-stop"].pk
    assert {w.locale.language_code for w in windows} == {"ja"}
    assert qr_url("page", pages["ja"]["police"]) in response.content.decode()


# Who may print


def test_members_are_refused(member_client, pages):
    page = pages["ja"]["one-stop"]
    for name, lang in (("page", None), ("svg", "en"), ("png", "en"), ("cards", "en")):
        response = member_client.get(qr_url(name, page, lang))
        assert response.status_code == 403


def test_staff_who_cannot_edit_the_page_are_refused(client, django_user_model, pages):
    user = make_user(django_user_model, "reader", staff=True)
    user.is_superuser = False
    user.save()
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    log_in(client, user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    page = pages["ja"]["one-stop"]
    for name, lang in (("page", None), ("svg", "en"), ("png", "en"), ("cards", "en")):
        # Wagtail turns the refusal into a redirect to the dashboard with a message.
        response = client.get(qr_url(name, page, lang))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    explore = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert qr_url("page", page) not in explore.content.decode()
    assert client.get(reverse("home_qr:windows")).context["windows"] == []
