"""The ranked search in one statement on PostgreSQL (search.postgres_fts), and what a search costs in SQL.

The statements run on both databases; what only PostgreSQL has (its plan, the
index of the boosted lexemes) is checked there, and on SQLite the module
must stand aside.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.models import ContentPage
from search import postgres_fts, query, sqlite_fts
from search.views import public_pages

TITLE_TERMS_INDEX = "search_indexentry_title_terms_gin"


def japanese_pages():
    return public_pages(Locale.objects.get(language_code="ja"))


def publish(parent, title, slug, lead):
    parent.add_child(instance=ContentPage(title=title, slug=slug, lead=lead, locale=parent.locale))
    page = ContentPage.objects.get(slug=slug, locale=parent.locale)
    page.save_revision().publish()
    return page


def test_each_search_takes_one_statement_and_one_for_its_pages(db):
    pages = japanese_pages()
    query.search(pages, "相談")  # Wagtail and Django cache content types on first use
    with CaptureQueriesContext(connection) as one_word:
        assert query.search(pages, "相談")
    with CaptureQueriesContext(connection) as two_words:
        assert query.search(pages, "相談 窓口")  # every term, then any term, then the titles
    assert len(one_word) == 2
    assert len(two_words) == 3


def test_searches_for_several_texts_cost_what_one_does_on_postgresql(db):
    """A text and its synonyms (search.synonyms): one statement for all every-term searches,
    one for the any-term ones, one for the titles; on SQLite one query a search."""
    pages = japanese_pages()
    texts = ["相談 窓口", "暴力 相談", "離婚"]
    query.search_many(pages, texts)
    with CaptureQueriesContext(connection) as together:
        found = query.search_many(pages, texts)
    expected = 3 if connection.vendor == "postgresql" else 3 + 2 + 1
    assert len(together) == expected
    alone = [query.search(pages, text) for text in texts]
    assert [[r.pk for r in ranked] for ranked in found] == [[r.pk for r in a] for a in alone]
    assert [ranked.complete for ranked in found] == [ranked.complete for ranked in alone]


def test_postgresql_searches_are_ranked_by_this_module_and_sqlite_ones_by_the_other(db):
    backend = get_search_backend()
    assert postgres_fts.handles(backend) == (connection.vendor == "postgresql")
    assert sqlite_fts.handles(backend) == (connection.vendor == "sqlite")


def test_the_statement_finds_through_the_gin_indexes(db):
    """The planner can serve every part from a GIN index, never reading each page's vectors.

    The test database is small enough for a sequential scan to be cheaper,
    so that is ruled out: what is checked is that the statement's title
    expression is the indexed one (search/migrations/0005), and that no part
    reads the whole index table. (On so few rows the planner may reach the
    body matches through each page's entry rather than the body's GIN index;
    on 10,000 pages it takes the GIN index: docs/search.md.)
    """
    backend = get_search_backend()
    if connection.vendor != "postgresql":
        assert not postgres_fts.handles(backend)
        return
    with CaptureQueriesContext(connection) as captured:
        postgres_fts.ranked_ids(backend, japanese_pages(), query.build("暴力"), 200)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + captured[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert TITLE_TERMS_INDEX in plan
    assert "Seq Scan on wagtailsearch_indexentry" not in plan


def test_the_index_of_title_terms_exists_on_postgresql_only(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [TITLE_TERMS_INDEX]
            )
            assert "ts_filter(body, '{a,b}'" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            names = {row[0] for row in cursor.fetchall()}
            assert "wagtailsearch_indexentry_content_type_id_62ed694f" in names
            assert TITLE_TERMS_INDEX not in names


def test_pages_titled_by_the_word_come_before_pages_that_only_mention_it(pages):
    news = pages["ja"]["news"]
    publish(news, "お知らせ一", "mentions-1", "ゆずりは制度のこと。ゆずりは、ゆずりは。")
    publish(news, "ゆずりは制度", "titled", "制度の説明です。")
    publish(news, "お知らせ二", "mentions-2", "ゆずりはの話。ゆずりは。ゆずりは。ゆずりは。")
    first = query.search(japanese_pages(), "ゆずりは", only=["slug"])
    assert [page.slug for page in first][:1] == ["titled"]
    assert {page.slug for page in first} == {"mentions-1", "titled", "mentions-2"}


def test_the_candidates_are_cut_before_ranking_title_hits_kept_first(pages):
    """With room for two, the page titled by the word is one of them, ranked first on PostgreSQL.

    (SQLite's ``bm25()`` ranks by frequency; search.ranking puts titles first there.)
    """
    news = pages["ja"]["news"]
    for n in range(3):
        publish(news, f"お知らせ{n}", f"mentions-{n}", "ゆずりは。" * (n + 2))
    publish(news, "ゆずりは", "titled", "説明です。")
    backend = get_search_backend()
    light = japanese_pages().only("pk", "title")
    built = query.build("ゆずりは")
    if connection.vendor == "postgresql":
        found = postgres_fts.ranked(backend, light, built, 2)
        assert [page.slug for page in found] == ["titled", "mentions-2"]
    else:
        found = sqlite_fts.ranked(backend, light, built, 2)
        assert [page.slug for page in found] == ["mentions-2", "mentions-1"]


def test_an_every_word_search_finds_words_split_between_title_and_text(pages):
    """ "single" only in the title, "parentword" only in the text: the page has every word."""
    news = pages["en"]["news"]
    publish(news, "Zebrafinch matters", "split", "About the parentword.")
    publish(news, "Other", "text-only", "Zebrafinch and parentword.")
    english = public_pages(news.locale)
    assert {p.slug for p in query.search(english, "zebrafinch parentword", only=["slug"])} == {
        "split",
        "text-only",
    }
    assert query.search(english, "zebrafinch parentword").complete
