"""Furigana on the whole easy-Japanese interface: catalogue strings, dates, forms.

The response step (core.furigana_middleware) makes the markup left in a page
<ruby> in text and base text where HTML shows no ruby; emails and calendars
get base text. The catalogue check keeps every future string with kanji in
furigana.
"""

import datetime
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.utils import formats, translation

from core import furigana_middleware
from core.furigana import MARKUP, page_with_ruby
from core.furigana_middleware import FuriganaMiddleware
from events import ical
from events.models import Event
from mail.models import OutgoingEmail
from mail.outbox import queue_email

EASY = "ja-x-easy"
CATALOGUE = Path(settings.BASE_DIR) / "portal/locale/ja_X-easy/LC_MESSAGES/django.po"
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]")
RUBY = "<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>"
# The opening-hours line keeps the markup in its data-* attributes: its script makes <ruby>.
SCRIPT_DATA = re.compile(r"""\sdata-[\w-]+=("[^"]*"|'[^']*')""")


def through_middleware(response, language=EASY):
    middleware = FuriganaMiddleware(lambda request: response)
    with translation.override(language):
        return middleware(RequestFactory().get("/"))


def html(text, language=EASY):
    response = through_middleware(HttpResponse(text), language)
    return response.content.decode()


def raw_markup(page):
    """The {漢字|かんじ} groups a reader would see as they are."""
    return MARKUP.findall(SCRIPT_DATA.sub("", page))


# The response step


def test_markup_in_text_becomes_ruby():
    assert html("<p>{相談|そうだん}して ください</p>") == f"<p>{RUBY}して ください</p>"


def test_markup_in_attributes_title_option_and_textarea_becomes_base_text():
    page = html(
        "<html><head><title>{相談|そうだん} — ポータル</title>"
        '<meta name="description" content="{相談|そうだん}の まどぐち"></head>'
        '<body><img src="/a.png" alt="{地図|ちず}">'
        '<a href="/ja-x-easy/" title="{相談|そうだん}" aria-label="{窓口|まどぐち}">x</a>'
        '<input placeholder="{名前|なまえ}" value="{送信|そうしん}">'
        '<select><option value="1">{東京都|とうきょうと}</option></select>'
        "<textarea>{相談|そうだん}</textarea></body></html>"
    )
    assert "<title>相談 — ポータル</title>" in page
    assert 'content="相談の まどぐち"' in page
    assert 'alt="地図"' in page
    assert 'title="相談" aria-label="窓口"' in page
    assert 'placeholder="名前" value="送信"' in page
    assert '<option value="1">東京都</option>' in page
    assert "<textarea>相談</textarea>" in page
    assert "<ruby>" not in page


def test_scripts_and_styles_lose_the_markup_inside_strings_only():
    page = html(
        '<script type="application/json">{"label": "{相談|そうだん}", "a": "x|y"}</script>'
        '<style>a::after{content:"{窓口|まどぐち}"}</style>'
    )
    data = json.loads(page.split(">", 1)[1].split("</script>")[0])
    assert data == {"label": "相談", "a": "x|y"}
    assert 'a::after{content:"窓口"}' in page
    code = '<script type="application/json">{"a":"x|y"}</script>'
    assert html(code + "{相談|そうだん}") == code + RUBY


def test_text_after_a_title_or_an_option_gets_ruby_again():
    page = html(
        "<title>{相談|そうだん}</title><p>{相談|そうだん}</p><select><option>a</option></select>{相談|そうだん}"
    )
    assert page == f"<title>相談</title><p>{RUBY}</p><select><option>a</option></select>{RUBY}"


def test_data_attributes_of_a_script_that_makes_ruby_keep_the_markup():
    page = html(
        '<p data-opening-hours data-text-open="{営業中|えいぎょうちゅう}"></p>'
        '<form data-text-failed="{送|おく}れません"></form>'
    )
    assert 'data-text-open="{営業中|えいぎょうちゅう}"' in page
    assert 'data-text-failed="送れません"' in page


def test_ruby_already_rendered_and_comments_stay_untouched():
    already = "<ruby>{相談|そうだん}<rt>そうだん</rt></ruby><!-- {相談|そうだん} -->"
    assert html(already + "{相談|そうだん}") == already + RUBY


def test_a_page_without_markup_is_unchanged_byte_for_byte():
    text = '<p class="a|b">{{ x }} {a} | 相談 {b|</p><script>if(a||b){c()}</script>\r\n'
    original = text.encode()
    response = through_middleware(HttpResponse(original))
    assert response.content == original


def test_other_languages_are_untouched():
    for language in ("ja", "en"):
        assert html("<p>{相談|そうだん}</p>", language) == "<p>{相談|そうだん}</p>"


def test_the_content_language_header_decides():
    response = HttpResponse("<p>{相談|そうだん}</p>")
    response["Content-Language"] = EASY
    assert RUBY in through_middleware(response, "ja").content.decode()
    response = HttpResponse("<p>{相談|そうだん}</p>")
    response["Content-Language"] = "ja"
    assert "<ruby>" not in through_middleware(response, EASY).content.decode()


def test_streaming_and_file_responses_pass_as_they_are(tmp_path):
    streamed = through_middleware(StreamingHttpResponse(iter([b"{a|b}"]), content_type="text/html"))
    assert b"".join(streamed.streaming_content) == b"{a|b}"
    path = tmp_path / "page.html"
    path.write_text("{相談|そうだん}", encoding="utf-8")
    with path.open("rb") as handle:
        sent = through_middleware(FileResponse(handle, content_type="text/html"))
        assert b"".join(sent.streaming_content) == "{相談|そうだん}".encode()


def test_json_and_plain_text_get_base_text():
    response = through_middleware(JsonResponse({"error": "{相談|そうだん}して", "n": {"a": 1}}))
    assert json.loads(response.content) == {"error": "相談して", "n": {"a": 1}}
    response = through_middleware(HttpResponse("{窓口|まどぐち}", content_type="text/plain"))
    assert response.content.decode() == "窓口"


def test_other_media_types_are_left_alone():
    response = through_middleware(HttpResponse(b"{a|b}", content_type="text/csv"))
    assert response.content == b"{a|b}"


def test_a_40_kb_page_is_converted_in_one_pass():
    line = '<li><a href="/ja-x-easy/x/" title="{相談|そうだん}">{相談|そうだん} まどぐち</a></li>\n'
    page = "<ul>" + line * (40_000 // len(line.encode())) + "</ul>"
    converted = page_with_ruby(page)
    assert converted.count(RUBY) == page.count(">{相談|そうだん}")
    assert not raw_markup(converted)


# Dates


def test_easy_japanese_dates_carry_furigana():
    with translation.override(EASY):
        day = formats.date_format(datetime.date(2026, 4, 1))
        moment = formats.date_format(datetime.datetime(2026, 4, 1, 9, 5), "DATETIME_FORMAT")
        month_day = formats.date_format(datetime.date(2026, 12, 29), "MONTH_DAY_FORMAT")
    assert day == "2026{年|ねん}4{月|がつ}1{日|にち}"
    assert moment == "2026{年|ねん}4{月|がつ}1{日|にち} 9:05"
    assert month_day == "12{月|がつ}29{日|にち}"
    with translation.override("ja"):
        assert formats.date_format(datetime.date(2026, 4, 1)) == "2026年4月1日"


# Pages as served

EASY_PAGES = {
    "home": "/ja-x-easy/",
    "sign-up form": "/ja-x-easy/join/apply/",
    "roster": "/ja-x-easy/network/organizations/",
    "event page": "/ja-x-easy/events/gatekeeper-training/",
    "events index": "/ja-x-easy/events/",
    "consultation window": "/ja-x-easy/consultation/one-stop/",
}


@pytest.mark.parametrize("url", EASY_PAGES.values(), ids=EASY_PAGES.keys())
def test_easy_japanese_pages_show_ruby_and_no_markup(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<ruby>" in page
    assert not raw_markup(page)


def test_a_public_lecture_shows_its_date_with_ruby(client, db):
    lecture = Event.objects.public().first()
    page = client.get(f"/ja-x-easy/events/lecture/{lecture.pk}/").content.decode()
    assert "<ruby>年<rp>(</rp><rt>ねん</rt><rp>)</rp></ruby>" in page
    assert not raw_markup(page)


def test_the_sign_up_form_errors_show_no_markup(client, db):
    response = client.post("/ja-x-easy/join/apply/", {"name": ""})
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "<ruby>" in page
    assert not raw_markup(page)


def test_the_page_cache_keeps_the_converted_page(client, db, monkeypatch):
    first = client.get("/ja-x-easy/")
    calls = []
    convert = furigana_middleware.CONVERTERS["text/html"]
    monkeypatch.setitem(
        furigana_middleware.CONVERTERS, "text/html", lambda text: calls.append(1) or convert(text)
    )
    second = client.get("/ja-x-easy/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "<ruby>" in second.content.decode()
    assert calls == []  # a cached page is served as stored


# Email and calendars: plain text, no ruby


def test_emails_carry_base_text(db):
    with translation.override(EASY):
        queue_email("a@example.jp", "{申|もう}し{込|こ}み", "{相談|そうだん}の {窓口|まどぐち}")
    email = OutgoingEmail.objects.get(to="a@example.jp")
    assert (email.subject, email.body) == ("申し込み", "相談の 窓口")


def test_calendar_entries_carry_base_text():
    assert ical.escape_text("{研修|けんしゅう}, {会議|かいぎ}") == "研修\\, 会議"


# The catalogue


def kanji_without_furigana(text):
    return KANJI.search(MARKUP.sub("", text)) is not None


def test_every_easy_japanese_string_with_kanji_has_furigana():
    """New strings too: write {漢字|かんじ} on each word in kanji (see .translations/)."""
    missing = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if any(kanji_without_furigana(text) for text in texts):
            missing.append(entry.msgid)
    assert missing == []
