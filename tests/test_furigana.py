from django.utils.safestring import mark_safe

from home.templatetags.portal_tags import furigana, plain


def test_markup_becomes_ruby():
    assert furigana("{相談|そうだん}する") == (
        "<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>する"
    )


def test_plain_text_is_escaped_before_ruby_is_added():
    assert furigana("<b>{窓口|まどぐち}</b>").startswith("&lt;b&gt;<ruby>窓口")


def test_rich_text_keeps_its_markup():
    html = furigana(mark_safe("<p>{電話|でんわ}</p>"))
    assert html == "<p><ruby>電話<rp>(</rp><rt>でんわ</rt><rp>)</rp></ruby></p>"


def test_plain_drops_readings_for_titles():
    assert plain("{相談|そうだん}まどぐち") == "相談まどぐち"


def test_text_without_markup_is_unchanged():
    assert furigana("DV相談＋") == "DV相談＋"
