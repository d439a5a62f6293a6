"""Consultation windows: ways to get in touch, opening hours, directions, last checked."""

import datetime
import json
import types
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail import blocks as wagtail_blocks
from wagtail.models import Locale

from demo import content_files
from demo.builder import DemoBuilder
from home import holidays, hours
from home.blocks import ChatChannelBlock, OpeningRangeBlock, PhoneChannelBlock, SNSChannelBlock
from home.models import ConsultationWindowPage

# --- Japanese public holidays -------------------------------------------------


def test_public_holidays_follow_the_law():
    days = holidays.holidays(2026)
    for day in [
        (1, 1), (1, 12), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5),
        (5, 6),  # substitute for Sunday 3 May
        (7, 20), (8, 11), (9, 21),
        (9, 22),  # between two holidays
        (9, 23), (10, 12), (11, 3), (11, 23),
    ]:  # fmt: skip
        assert datetime.date(2026, *day) in days, day
    assert len(days) == 18
    assert datetime.date(2025, 2, 24) in holidays.holidays(2025)  # substitute
    assert datetime.date(2025, 11, 24) in holidays.holidays(2025)
    assert datetime.date(2019, 12, 23) not in holidays.holidays(2019)  # no Emperor's Birthday
    assert datetime.date(2021, 7, 23) in holidays.holidays(2021)  # the Olympic move
    assert datetime.date(2021, 10, 11) not in holidays.holidays(2021)
    assert not holidays.is_holiday(datetime.date(2026, 12, 31))  # closed by custom, not law


def test_equinoxes_match_the_observatory():
    assert holidays.vernal_equinox(2027) == datetime.date(2027, 3, 21)
    assert holidays.autumnal_equinox(2027) == datetime.date(2027, 9, 23)
    assert holidays.vernal_equinox(2000) == datetime.date(2000, 3, 20)


# --- What editors may enter -----------------------------------------------------


def clean(block, raw):
    return block.clean(block.to_python(raw))


def test_a_range_must_close_after_it_opens():
    block = OpeningRangeBlock()
    clean(block, {"days": ["1"], "opens": "09:00", "closes": "16:00"})
    for closes in ("09:00", "08:59"):
        with pytest.raises(wagtail_blocks.StructBlockValidationError) as error:
            clean(block, {"days": ["1"], "opens": "09:00", "closes": closes})
        assert "closes" in error.value.block_errors


@pytest.mark.parametrize(
    "url",
    ["https://soudanplus.jp/", "http://example.jp/chat", "tel:0120279889", "geo:35.9,139.5"],
)
def test_links_may_be_http_tel_or_geo(url):
    clean(ChatChannelBlock(), {"label": "チャット", "url": url})


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.jp/",
        "mailto:a@example.jp",
        "//example.jp/",
        "soudanplus.jp",
        "tel:call-me",
        "geo:95,10",
    ],
)
def test_other_link_schemes_are_refused(url):
    with pytest.raises(wagtail_blocks.StructBlockValidationError) as error:
        clean(ChatChannelBlock(), {"label": "チャット", "url": url})
    assert "url" in error.value.block_errors


def test_a_phone_channel_needs_a_number_a_phone_dials():
    clean(PhoneChannelBlock(), {"label": "相談", "number": "#8008"})
    with pytest.raises(wagtail_blocks.StructBlockValidationError):
        clean(PhoneChannelBlock(), {"label": "相談", "number": "ask us"})


def test_an_sns_channel_needs_an_address_or_an_id():
    clean(SNSChannelBlock(), {"label": "LINE", "account": "@example"})
    with pytest.raises(wagtail_blocks.StructBlockValidationError):
        clean(SNSChannelBlock(), {"label": "LINE"})


def test_a_place_needs_both_coordinates(pages):
    window = pages["ja"]["living-support"]
    window.longitude = None
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    assert "longitude" in error.value.message_dict
    window.latitude = None
    window.full_clean()


def test_year_end_days_must_exist(pages):
    window = pages["ja"]["living-support"]
    window.year_end_from = "02-30"
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    assert "year_end_from" in error.value.message_dict


# --- Rendering ---------------------------------------------------------------


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def visible_text(document):
    for element in document.select("[hidden], script, style, head"):
        element.decompose()
    return document.get_text(" ", strip=True)


def status_line(document):
    line = document.select_one("[data-opening-hours]")
    assert line is not None
    return line


def test_the_weekly_table_in_english(client, pages):
    document = soup(client, pages["en"]["living-support"].url)
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in document.select(".opening__table tr")
    ]
    assert rows[:7] == [
        ["Monday", "8:30–17:15"],
        ["Tuesday", "8:30–17:15"],
        ["Wednesday", "8:30–17:15"],
        ["Thursday", "8:30–17:15"],
        ["Friday", "8:30–17:15"],
        ["Saturday", "Closed"],
        ["Sunday", "Closed"],
    ]
    assert rows[7] == ["Public holidays", "Closed"]
    assert rows[8] == ["Year-end and New Year", "Closed (December 29 – January 3)"]


def test_without_javascript_nothing_says_open_now(client, pages):
    for page in (pages["en"]["living-support"], pages["en"]["police"]):
        document = soup(client, page.url)
        line = status_line(document)
        assert line.has_attr("hidden") and not line.get_text(strip=True)
        text = visible_text(document)
        assert "Open now" not in text and "Closed now" not in text
    assert "Open 24 hours a day, every day of the year." in visible_text(
        soup(client, pages["en"]["police"].url)
    )


def test_the_script_is_same_origin_and_loaded_only_where_needed(client, pages):
    document = soup(client, pages["en"]["living-support"].url)
    sources = [script["src"] for script in document.select("script[src]")]
    assert "/static/js/opening-hours.js" in sources
    assert not document.select("script:not([src])")
    faq = soup(client, "/en/faq/")
    assert "/static/js/opening-hours.js" not in [s["src"] for s in faq.select("script[src]")]


def test_the_data_the_script_reads(client, pages):
    window = pages["en"]["living-support"]
    line = status_line(soup(client, window.url))
    assert json.loads(line["data-schedule"]) == {
        **{str(day): [["08:30", "17:15"]] for day in range(1, 6)},
        "6": [],
        "7": [],
    }
    assert json.loads(line["data-days"])[0] == "Monday"
    assert line["data-text-open"] == "Open now, until {time}."
    assert line["data-text-later"] == "Closed now. Opens on {day} at {time}."
    first = window.last_published_at.year
    assert line["data-covers-from"] == f"{first}-01-01"
    assert line["data-covers-until"] == f"{first + 2}-12-31"
    closed = line["data-closed"].split()
    assert closed == sorted(closed)
    assert f"{first}-02-11" in closed  # National Foundation Day
    assert f"{first}-12-31" in closed and f"{first + 1}-01-03" in closed
    assert f"{first}-12-28" not in closed and f"{first + 1}-01-05" not in closed
    assert f"{first + 2}-12-31" in closed and f"{first + 3}-01-01" not in closed
    vernal = holidays.vernal_equinox(first + 1).isoformat()
    assert vernal in closed


def test_a_24_hour_line_says_so_to_the_script(client, pages):
    line = status_line(soup(client, pages["en"]["police"].url))
    assert line["data-always-open"] == "true"
    assert not line.has_attr("data-closed")


def test_channels_link_to_dial_or_open(client, pages):
    document = soup(client, pages["ja"]["police"].url)
    hrefs = [a["href"] for a in document.select(".channel a")]
    assert "tel:%239110" in hrefs
    assert "https://www.nftrs.or.jp/" in hrefs
    dv_plus = soup(client, pages["en"]["dv-plus"].url)
    chat = dv_plus.select_one(".channel--chat a")
    assert chat["href"] == "https://soudanplus.jp/"
    assert chat.get_text(strip=True) == "Chat consultation"
    assert (
        dv_plus.select_one(".channel--chat .channel__note").get_text(strip=True).startswith("12:00")
    )


def test_fax_numbers_are_not_dialled(client, pages):
    document = soup(client, pages["ja"]["one-stop"].url)
    fax = document.select_one(".channel--fax")
    assert "048-000-0009" in fax.get_text()
    assert not fax.select("a")


def test_channels_also_appear_where_a_window_is_listed(client, db):
    document = soup(client, "/en/topics/dv/")
    assert "https://soudanplus.jp/" in [a["href"] for a in document.select(".channel a")]


def test_directions_open_the_phones_map_app(client, pages):
    document = soup(client, pages["en"]["living-support"].url)
    link = document.select_one("a.map-link")
    assert link["href"] == "geo:35.977389,139.593194?q=35.977389,139.593194"
    assert "JR Takasaki Line, Ageo Station (East Exit)" in document.get_text()
    assert not document.select("iframe, object, embed")  # no map tiles, no embed
    assert all(img["src"].startswith("/") for img in document.select("img"))


def test_last_checked_date(client, pages):
    document = soup(client, pages["en"]["dv-plus"].url)
    assert (
        document.select_one(".window__checked").get_text(strip=True)
        == "Details checked on Dec. 7, 2026."
    )
    assert not soup(client, pages["en"]["one-stop"].url).select(".window__checked")


def test_japanese_page(client, pages):
    document = soup(client, pages["ja"]["living-support"].url)
    assert document.html["lang"] == "ja"
    assert len(document.select(".opening__table tr")) == 9
    assert "JR高崎線 上尾駅（東口）" in document.get_text()
    line = status_line(document)
    assert line.has_attr("hidden") and line["data-closed"]


def translate(key, language):
    """Import the demo's translation of one page, as load_demo does for every language."""
    builder = DemoBuilder(languages=[language])
    source = ConsultationWindowPage.objects.get(
        locale__language_code="ja",
        slug=content_files.load("ja")[key]["slug"],
    )
    builder.pages = {key: source}
    builder.translate(content_files.load(language)[key], Locale.objects.get(language_code=language))
    return source.get_translation(Locale.objects.get(language_code=language))


def test_nepali_page(client, db):
    police = translate("window-police", "ne")
    document = soup(client, police.url)
    assert document.html["lang"] == "ne"
    labels = [a.get_text(strip=True) for a in document.select(".channel a")]
    assert "टेलिफोन रिले सेवा" in labels
    assert "tel:%239110" in [a["href"] for a in document.select(".channel a")]
    assert status_line(document)["data-always-open"] == "true"


def test_easy_japanese_shows_furigana(client, db):
    window = translate("window-living", "ja-x-easy")
    document = soup(client, window.url)
    assert document.html["lang"] == "ja-x-easy"
    ruby = [r.get_text() for r in document.select(".contact ruby")]
    assert any(r.startswith("上尾駅") for r in ruby)
    police = translate("window-police", "ja-x-easy")
    labels = [r.get_text() for r in soup(client, police.url).select(".channel ruby")]
    assert any(label.startswith("電話") for label in labels)


# --- The cache never holds the server's clock --------------------------------------


def frozen_clock(moment):
    """Patch every clock the page might read: Django's, and datetime in our modules."""

    class FrozenDate(datetime.date):
        @classmethod
        def today(cls):
            return moment.date()

    class FrozenDateTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment if tz is None else moment.astimezone(tz)

        @classmethod
        def today(cls):
            return moment.replace(tzinfo=None)

    fake = types.SimpleNamespace(
        date=FrozenDate,
        datetime=FrozenDateTime,
        time=datetime.time,
        timedelta=datetime.timedelta,
        timezone=datetime.timezone,
    )
    patches = [
        mock.patch("django.utils.timezone.now", lambda: moment),
        mock.patch.object(hours, "datetime", fake),
        mock.patch.object(holidays, "datetime", fake),
    ]
    return patches


@pytest.mark.parametrize("slug", ["living-support", "police", "dv-plus"])
def test_the_page_is_the_same_whatever_the_server_clock(client, pages, slug):
    url = pages["en"][slug].url
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    bodies = []
    for moment in (
        datetime.datetime(2027, 3, 22, 10, 0, tzinfo=tokyo),  # a working Monday, open
        datetime.datetime(2031, 12, 31, 23, 30, tzinfo=tokyo),  # year end, closed
    ):
        cache.clear()
        patches = frozen_clock(moment)
        for patch in patches:
            patch.start()
        try:
            response = client.get(url)
        finally:
            for patch in patches:
                patch.stop()
        assert response.status_code == 200
        bodies.append(response.content)
    assert bodies[0] == bodies[1]
