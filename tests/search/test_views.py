"""The public search page: results, calm answers to any input, nothing kept about the reader."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import ContentPage


def results_html(response):
    html = response.content.decode()
    assert response.status_code == 200
    return html.split('class="results search-results"')[1].split("</ol>")[0]


def add_page(parent, slug, **fields):
    page = ContentPage(slug=slug, locale=parent.locale, **{"title": slug, **fields})
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_results_are_pages_of_the_readers_language(client, db):
    html = results_html(client.get("/en/search/", {"q": "violence"}))
    assert "/en/topics/dv/" in html
    assert "/ja/" not in html


def test_a_japanese_word_inside_a_longer_word_is_found_and_marked(client, db):
    html = results_html(client.get("/ja/search/", {"q": "相談"}))
    assert 'href="/ja/consultation/"><mark>相談</mark>窓口</a>' in html


def test_the_snippet_comes_from_the_page_and_is_escaped(client, pages):
    add_page(pages["en"]["news"], "tricky", lead="Before <script>alert(1)</script> zebraword after")
    html = results_html(client.get("/en/search/", {"q": "zebraword"}))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>zebraword</mark> after" in html
    assert "<script>" not in html


def test_the_query_is_shown_escaped(client, db):
    html = client.get("/en/search/", {"q": '<img src=x onerror="alert(1)">'}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_empty_search_shows_a_calm_prompt(client, db):
    html = client.get("/en/search/", {"q": "   "}).content.decode()
    assert "Type a word or two" in html
    assert "results-heading" not in html


def test_huge_search_is_shortened_not_refused(client, db):
    response = client.get("/en/search/", {"q": "violence " * 200})
    html = response.content.decode()
    assert "shortened to its first 100 characters" in html
    assert "/en/topics/dv/" in html


@pytest.mark.parametrize(
    "q",
    ['"unbalanced', "AND OR NOT", "((()))", "*", "\x00", "a\x07b", "NEAR(x y)", "💔🙂", "　", "-"],
)
def test_malformed_search_answers_calmly(client, db, q):
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize("q", ["!!!", "🙂🙂", "«»—…", "((()))"])
def test_search_without_letters_says_so(client, db, q):
    html = client.get("/en/search/", {"q": q}).content.decode()
    assert "no letters or numbers to look for" in html


def test_nothing_found_says_what_to_do(client, db):
    html = client.get("/en/search/", {"q": "qqzzxx"}).content.decode()
    assert "0 results" in html
    assert "Try other words" in html


def test_pages_are_numbered_and_keep_the_query(client, db):
    first = client.get("/ja/search/", {"q": "相談"}).content.decode()
    assert re.search(r'href="\?q=%E7%9B%B8%E8%AB%87&amp;page=2" rel="next"', first)
    second = client.get("/ja/search/", {"q": "相談", "page": "2"})
    assert '<ol class="results search-results" start="11">' in second.content.decode()
    assert client.get("/ja/search/", {"q": "相談", "page": "x"}).status_code == 200


def test_restricted_and_unpublished_pages_are_never_found(client, pages):
    section = add_page(pages["en"]["news"], "private-section", lead="quokkaword section")
    add_page(section, "private-child", lead="quokkaword inside")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    draft = add_page(pages["en"]["news"], "draft", lead="quokkaword draft")
    draft.unpublish()
    html = client.get("/en/search/", {"q": "quokkaword"}).content.decode()
    assert "0 results" in html
    assert "private" not in html and "/draft/" not in html


def count_queries(client, q):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": q}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_results(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    add_page(pages["en"]["news"], "lonely", lead="wombatword")
    client.get("/en/search/", {"q": "wombatword"})  # warm Wagtail's own caches
    one = count_queries(client, "wombatword")
    for n in range(30):
        add_page(pages["en"]["news"], f"more-{n}", lead="wombatword again")
    client.get("/en/search/", {"q": "wombatword"})  # the shown pages' texts, then cached
    assert count_queries(client, "wombatword") == one
    assert one <= 21


def test_searching_sets_no_cookie_and_no_session(client, db):
    sessions = Session.objects.count()
    for q in ["violence", "相談", "qqzzxx", ""]:
        response = client.get("/ja/search/", {"q": q})
        assert not response.cookies
    assert Session.objects.count() == sessions


def row_counts():
    from django.apps import apps

    return {m._meta.label: m._base_manager.count() for m in apps.get_models() if m._meta.managed}


def test_a_search_that_finds_something_stores_nothing(client, db):
    before = row_counts()
    client.get("/en/search/", {"q": "violence"})
    client.get("/ja/search/", {"q": "相談"})
    assert row_counts() == before


def search_queries(client, q, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": q, **params}).status_code == 200
    return [query["sql"] for query in queries]


def test_the_results_page_reads_what_it_shows_and_no_more(client, pages, settings):
    """One query for the titles of every match, at most one for the ten shown, none a result.

    Beyond the page around it (what an empty search costs): the promotions,
    the view restrictions, the ranked search (one statement), the titles of
    the matches, and the shown pages' text when it is not in the cache
    (search.views.snippet_texts); the pages themselves are never loaded once
    their text is cached.
    """
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(15):
        add_page(pages["en"]["news"], f"numbat-{n}", lead=f"The numbatword, {n} times.")
    client.get("/en/search/", {"q": ""})
    client.get("/en/search/", {"q": "numbatword"})  # Wagtail's and Django's own caches
    cache.clear()
    around = len(search_queries(client, ""))
    cold = search_queries(client, "numbatword")
    warm = search_queries(client, "numbatword")
    second_page = search_queries(client, "numbatword", page=2)
    assert len(warm) - around <= 4
    assert len(cold) == len(warm) + 2  # the language's search words, the shown pages' texts
    assert len(second_page) == len(warm) + 1  # five more pages' texts, then cached
    assert len(search_queries(client, "numbatword", page=2)) == len(warm)
    # The pages' own tables are read only for the texts not cached.
    assert sum("home_contentpage" in sql for sql in cold) == 1
    assert not any("home_contentpage" in sql for sql in warm)


def test_a_published_page_shows_its_new_text(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = add_page(pages["en"]["news"], "changing", lead="The quokkaword, first said.")
    assert "first said" in results_html(client.get("/en/search/", {"q": "quokkaword"}))
    page.lead = "The quokkaword, said again."
    page.save_revision().publish()
    html = results_html(client.get("/en/search/", {"q": "quokkaword"}))
    assert "said again" in html and "first said" not in html


def test_a_count_at_the_cut_says_there_may_be_more(client, pages, settings, monkeypatch):
    from search import query

    settings.PAGE_CACHE_SECONDS = 0
    for n in range(5):
        add_page(pages["en"]["news"], f"bilby-{n}", lead="The bilbyword.")
    assert "5 results" in client.get("/en/search/", {"q": "bilbyword"}).content.decode()
    monkeypatch.setattr(query, "CANDIDATES", 3)
    html = client.get("/en/search/", {"q": "bilbyword"}).content.decode()
    assert "3 or more results" in html
