"""Every phone number in rich text is a link a phone dials, shown as it was written."""

import re

import pytest
from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText

from core.phones import dialable_links, tel_uri
from home.models import ContentPage
from home.templatetags.portal_tags import dialable, furigana


def linked(text):
    """The numbers of ``text`` that became links: [(tel: URI, as shown)]."""
    html = dialable_links(f"<p>{text}</p>")
    return re.findall(r'<a href="([^"]*)">(.*?)</a>', html)


LINKED = [
    # Short codes, also full-width.
    ("#8891", "#8891", "tel:%238891"),
    ("性暴力の相談は#8008へ", "#8008", "tel:%238008"),
    ("＃８８９１", "＃８８９１", "tel:%238891"),
    ("警察相談専用電話 #9110", "#9110", "tel:%239110"),
    # Emergency and hotline numbers standing alone, touching kanji and kana.
    ("すぐに110番へ", "110", "tel:110"),
    ("119番（救急）", "119", "tel:119"),
    ("189（いちはやく）", "189", "tel:189"),
    ("消費者ホットライン188", "188", "tel:188"),
    ("海の事故は118", "118", "tel:118"),
    ("災害用伝言ダイヤル171", "171", "tel:171"),
    ("１１０番", "１１０", "tel:110"),
    ("In danger, call 110.", "110", "tel:110"),
    ("ligue para o 190 ou 119", "119", "tel:119"),
    ("112번이 아니라 110번", "110", "tel:110"),
    ("请拨打110。", "110", "tel:110"),
    ("110 मा फोन", "110", "tel:110"),
    # Domestic numbers: hyphens, spaces, brackets, every dash.
    ("0120-279-889", "0120-279-889", "tel:0120279889"),
    ("请拨打DV咨询＋（0120-279-889，24小时）", "0120-279-889", "tel:0120279889"),
    ("0570-0-55210", "0570-0-55210", "tel:0570055210"),
    ("048-830-3111", "048-830-3111", "tel:0488303111"),
    ("03-1234-5678", "03-1234-5678", "tel:0312345678"),
    ("048 775 5111", "048 775 5111", "tel:0487755111"),
    ("048(830)3111", "048(830)3111", "tel:0488303111"),
    ("048（830）3111", "048（830）3111", "tel:0488303111"),
    ("(048) 830-3111", "(048) 830-3111", "tel:0488303111"),
    ("090-1234-5678", "090-1234-5678", "tel:09012345678"),
    ("03-12345678", "03-12345678", "tel:0312345678"),
    ("０４８－８３０－３１１１", "０４８－８３０－３１１１", "tel:0488303111"),
    ("048ー830ー3111", "048ー830ー3111", "tel:0488303111"),
    ("048‐830‐3111", "048‐830‐3111", "tel:0488303111"),
    ("048–830–3111", "048–830–3111", "tel:0488303111"),
    ("048−830−3111", "048−830−3111", "tel:0488303111"),
    ("０４８　７７５　５１１１", "０４８　７７５　５１１１", "tel:0487755111"),
    ("TEL：048-830-3111（平日）", "048-830-3111", "tel:0488303111"),
    ("電話048-830-3111まで", "048-830-3111", "tel:0488303111"),
    ("DV相談＋（0120-279-889、24時間）", "0120-279-889", "tel:0120279889"),
    # International.
    ("+81-48-830-3111", "+81-48-830-3111", "tel:+81488303111"),
    ("＋81 48 830 3111", "＋81 48 830 3111", "tel:+81488303111"),
]


@pytest.mark.parametrize(("text", "shown", "uri"), LINKED)
def test_numbers_written_as_text_become_links(text, shown, uri):
    assert linked(text) == [(uri, shown)]


NOT_LINKED = [
    "〒330-0063 埼玉県さいたま市",
    "〒110-0015",
    "110-0015",
    "330-0063",
    "2026-12-07",
    "2026/12/07",
    "2026年12月7日",
    "1110年",
    "1,100円",
    "1,110円",
    "110円",
    "¥110",
    "￥189",
    "$110",
    "9:00〜17:00",
    "10:00–11:00",
    "1:10",
    "110年",
    "110人",
    "189件",
    "110分",
    "110号室",
    "本町3-110",
    "本町3-1-1",
    "110番地",
    "第110条",
    "第189回",
    "p.110",
    "page 110",
    "section 118",
    "No. 171",
    "Nº 171",
    "n.º 110",
    "110ページ",
    "189メートル",
    "１１０ページ",
    "110km",
    "110 km",
    "110%",
    "1.110",
    "1100",
    "11000",
    "2110",
    "1189",
    "8891",
    "0120",
    "0120で始まる番号",
    "123-4567",
    "830-3111",
    "0488303111",
    "07-12-2026",
    "048-830-311",
    "0120-279-889-1",
    "FAX：048-830-3112",
    "FAX 048-830-3112",
    "ファクス 048-830-3112",
    "https://example.jp/#8891",
    "window#8891",
    "#88",
    "A110",
]


@pytest.mark.parametrize("text", NOT_LINKED)
def test_postcodes_dates_times_amounts_and_page_numbers_stay_text(text):
    assert linked(text) == []


def test_several_numbers_in_one_sentence():
    text = "危ないときは110番、けがは119番、相談はDV相談＋ 0120-279-889 や #8008 へ。"
    assert linked(text) == [
        ("tel:110", "110"),
        ("tel:119", "119"),
        ("tel:0120279889", "0120-279-889"),
        ("tel:%238008", "#8008"),
    ]


def test_text_is_kept_exactly_as_written():
    html = "<p>電話：０４８－８３０－３１１１（平日&nbsp;9:00〜17:00）&amp; #8891</p>"
    assert dialable_links(html) == (
        '<p>電話：<a href="tel:0488303111">０４８－８３０－３１１１</a>'
        '（平日&nbsp;9:00〜17:00）&amp; <a href="tel:%238891">#8891</a></p>'
    )


def test_character_references_are_read_and_kept():
    html = "<p>call&nbsp;110&nbsp;now, &#35;8891, &lt;0120-279-889&gt;</p>"
    assert dialable_links(html) == (
        '<p>call&nbsp;<a href="tel:110">110</a>&nbsp;now, '
        '<a href="tel:%238891">&#35;8891</a>, '
        '&lt;<a href="tel:0120279889">0120-279-889</a>&gt;</p>'
    )


def test_existing_links_are_untouched_but_for_the_tel_fix():
    html = (
        '<p><a href="tel:#8891">#8891</a> '
        '<a href="tel:0120-279-889">DV相談＋ 0120-279-889</a> '
        '<a href="https://example.jp/">110番 について</a> '
        '<a href="/ja/consultation/"><b>048-830-3111</b></a></p>'
    )
    assert dialable_links(html) == (
        '<p><a href="tel:%238891">#8891</a> '
        '<a href="tel:0120279889">DV相談＋ 0120-279-889</a> '
        '<a href="https://example.jp/">110番 について</a> '
        '<a href="/ja/consultation/"><b>048-830-3111</b></a></p>'
    )


def test_attributes_scripts_and_styles_are_untouched():
    html = (
        '<p title="0120-279-889" data-n="#8891 110"><img alt="110番 0120-279-889" src="/a.png">'
        "本文</p><script>var n = '0120-279-889'; if (a<b) call(110);</script>"
        "<style>.x::after { content: '#8891'; }</style>"
    )
    assert dialable_links(html) == html


def test_a_number_in_formatting_is_linked_inside_it():
    assert dialable_links("<p>警察 <b>110</b>番</p>") == (
        '<p>警察 <b><a href="tel:110">110</a></b>番</p>'
    )


def test_context_reaches_across_formatting():
    # 1,<b>110</b>円 is an amount; a number split by markup is left alone.
    html = "<p>1,<b>110</b>円、048-<b>830</b>-3111</p>"
    assert dialable_links(html) == html


def test_block_boundaries_separate_numbers():
    assert linked("2026年12月7日</p><p>110番") == [("tel:110", "110")]


def test_furigana_markup_stays_whole():
    html = dialable_links("<p>{110番|ひゃくとおばん}に、110{番|ばん}に</p>")
    assert html == (
        '<p><a href="tel:110">{110番|ひゃくとおばん}</a>に、<a href="tel:110">110</a>{番|ばん}に</p>'
    )
    assert furigana(mark_safe(html)) == (  # noqa: S308 (the output of dialable_links)
        '<p><a href="tel:110"><ruby>110番<rp>(</rp><rt>ひゃくとおばん</rt><rp>)</rp></ruby></a>'
        'に、<a href="tel:110">110</a><ruby>番<rp>(</rp><rt>ばん</rt><rp>)</rp></ruby>に</p>'
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>#8891 ＃８８９１ 110番 189（いちはやく） 0120-279-889 ０４８－８３０－３１１１</p>",
        '<p><a href="tel:#8891">#8891</a> 048(830)3111 +81-48-830-3111 〒330-0063</p>',
        "<p>{110番|ひゃくとおばん}&nbsp;&#35;8008 <b>119</b> 1,<b>110</b>円</p>",
    ],
)
def test_running_twice_changes_nothing(html):
    once = dialable_links(html)
    assert once != html
    assert dialable_links(once) == once


def test_text_without_numbers_is_returned_as_it_is():
    html = "<p>相談は <b>無料</b> です &amp; 秘密は守られます</p>"
    assert dialable_links(html) == html


def test_tel_uri():
    assert tel_uri("#8891") == "tel:%238891"
    assert tel_uri("＋81-48-830-3111") == "tel:+81488303111"
    assert tel_uri("048ー830ー3111") == "tel:0488303111"
    assert tel_uri("電話") == ""


def test_the_filter_escapes_plain_text_and_keeps_rich_text():
    assert dialable("<b>110</b>") == '&lt;b&gt;<a href="tel:110">110</a>&lt;/b&gt;'
    assert dialable(mark_safe("<p>110</p>")) == '<p><a href="tel:110">110</a></p>'


def test_a_published_page_serves_dialable_numbers(client, pages):
    body = "<p>性暴力の相談は #8891 へ。DV相談＋は 0120-279-889 です。〒330-0063 2026-12-07</p>"
    page = ContentPage(
        title="Phone numbers",
        slug="phone-numbers",
        locale=pages["ja"]["news"].locale,
        body=[
            ("paragraph", RichText(body)),
            ("callout", {"title": "緊急", "text": RichText("<p>すぐに110番へ</p>")}),
        ],
    )
    pages["ja"]["news"].add_child(instance=page)
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="tel:%238891">#8891</a>' in html
    assert '<a href="tel:0120279889">0120-279-889</a>' in html
    assert '<a href="tel:110">110</a>番' in html
    assert "〒330-0063 2026-12-07" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_numbers_in_listings_and_leads_are_links_in_every_language(client, language):
    """The consultation list's cards and a window's lead, not only rich-text bodies."""
    prefix = f"/{language.lower()}/"
    listing = client.get(prefix + "consultation/").content.decode()
    assert 'href="tel:0120279889"' in listing
    police = client.get(prefix + "consultation/police/").content.decode()
    lead = re.search(r'<p class="lead">(.*?)</p>', police, re.S).group(1)
    assert 'href="tel:110"' in lead or 'href="tel:%239110"' in lead
