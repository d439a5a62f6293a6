"""Finding words inside Japanese text through Wagtail's search, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.models import ContentPage
from search import query, sqlite_fts
from search.views import public_pages


def found(text, language="ja"):
    locale = Locale.objects.get(language_code=language)
    return [page.slug for page in query.search(public_pages(locale), text, only=["slug"])]


@pytest.fixture
def window_page(pages):
    """A page whose only mention of the words is 「相談窓口」 inside a longer run."""
    page = ContentPage(title="お知らせ", slug="notice", lead="市役所の女性相談窓口があります。")
    pages["ja"]["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_two_character_word_finds_the_page_that_says_it_inside_a_longer_one(window_page):
    assert "notice" in found("相談")
    assert "notice" in found("窓口")
    assert "notice" in found("相談窓口")
    assert "notice" in found("女性相談")


def test_words_not_in_the_page_do_not_find_it(window_page):
    assert "notice" not in found("市民")
    assert "notice" not in found("口座")  # shares a character with 窓口, not a word


@pytest.mark.parametrize(
    ("word", "slug"), [("暴力", "dv"), ("離婚", "divorce"), ("虐待", "child-guidance")]
)
def test_two_character_words_rank_their_page_first_three(db, word, slug):
    assert slug in found(word)[:3]


def test_hiragana_katakana_and_mixed_words(db):
    assert "single-parents" in found("ひとり親")[:3]
    assert "gatekeeper" in found("ゲートキーパー")[:3]
    assert "dv-plus" in found("DV相談")[:3]


def test_a_search_stays_in_its_locale(db):
    for language in ["ja", "en"]:
        locale = Locale.objects.get(language_code=language)
        results = query.search(public_pages(locale), "DV", only=["locale"])
        assert results and {page.locale for page in results} == {locale.pk}
    assert found("暴力", "en") == []


def test_pages_with_every_word_come_before_pages_with_some(pages):
    news = pages["en"]["news"]
    for slug, lead in [("some", "alphaword only"), ("every", "alphaword and betaword")]:
        news.add_child(instance=ContentPage(title=slug, slug=slug, lead=lead, locale=news.locale))
        ContentPage.objects.get(slug=slug, locale=news.locale).save_revision().publish()
    english = public_pages(news.locale)
    assert [p.slug for p in query.search(english, "betaword alphaword", only=["slug"])] == [
        "every",
        "some",
    ]
    assert query.search(english, "betaword alphaword").complete
    partial = query.search(english, "alphaword gammaword", only=["slug"])
    assert {p.slug for p in partial} == {"every", "some"} and not partial.complete


def test_a_title_with_every_word_comes_first(db):
    assert found("domestic violence", "en")[:2] == ["dv-plus", "dv"]  # shorter title first


@pytest.mark.parametrize(
    "raw",
    [
        '"unbalanced',
        "AND OR NOT",
        "((()))",
        "*",
        "\x00",
        "a\u200bb",
        "NEAR(a b)",
        "'; DROP TABLE x;--",
        "🙂",
        "\\",
    ],
)
def test_malformed_queries_reach_the_database_as_plain_words(db, raw):
    query.search(public_pages(Locale.objects.get(language_code="en")), query.clean(raw).text)


def test_clean_keeps_one_printable_line():
    assert query.clean("  a\tb\n\x00c\u200b d ").text == "a b c d"
    long = query.clean("あ" * 500)
    assert long.truncated and len(long.text) == query.MAX_QUERY_LENGTH
    assert not query.clean("short").truncated


def test_a_query_without_words_builds_nothing():
    assert query.build("!!! 🙂 ---") is None
    assert query.build("相談").query_string == "相談"


@pytest.mark.parametrize("text", ["相談", "暴力 離婚", "DV"])
def test_the_ranking_finds_exactly_what_wagtails_backend_finds(db, text):
    backend = get_search_backend()
    pages = public_pages(Locale.objects.get(language_code="ja"))
    for operator in ["and", "or"]:
        expected = {page.pk for page in backend.search(query.build(text, operator), pages)}
        [found] = query._ranked_pks(backend, pages, [query.build(text, operator)])
        assert set(found) == expected


def test_sqlite_is_scored_in_one_query_and_other_databases_by_the_backend(db):
    assert sqlite_fts.handles(get_search_backend()) == (connection.vendor == "sqlite")


def test_a_page_saved_again_is_indexed_with_what_it_now_says(pages):
    """Its texts are read once per indexing (search.indexing), and read again after a change."""
    page = ContentPage(title="お知らせ", slug="notice", lead="ゆずりはの会があります。")
    pages["ja"]["news"].add_child(instance=page)  # indexed: the texts are kept on this object
    assert "notice" in found("ゆずりは")
    page.lead = "あじさいの会があります。"
    page.save()  # the same object, indexed again
    assert "notice" in found("あじさい")
    assert "notice" not in found("ゆずりは")
