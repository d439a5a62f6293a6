import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction


def promote(query_string, page=None, **fields):
    query = Query.objects.get_or_create(query_string=query_string)[0]
    return SearchPromotion.objects.create(query=query, page=page, sort_order=0, **fields)


def promoted_html(response):
    html = response.content.decode()
    assert response.status_code == 200
    return html.split('class="results search-promoted"')[1].split("</ul>")[0]


@pytest.fixture
def hub(pages):
    return pages["ja"]["one-stop"]


def test_a_promoted_page_comes_first_in_the_readers_language(client, hub):
    promote("help", page=hub, description="まずここへ")
    english = client.get("/en/search/", {"q": "Help"})
    assert 'href="/en/consultation/one-stop/"' in promoted_html(english)
    results = english.content.decode().split('class="results search-results"')[1]
    assert "/en/consultation/one-stop/" not in results.split("</ol>")[0]  # not listed twice
    japanese = promoted_html(client.get("/ja/search/", {"q": "help"}))
    assert 'href="/ja/consultation/one-stop/"' in japanese
    assert "まずここへ" in japanese  # the editor's words, in the language they wrote them


def test_the_editors_description_is_not_shown_in_other_languages(client, hub):
    promote("help", page=hub, description="まずここへ")
    assert "まずここへ" not in promoted_html(client.get("/en/search/", {"q": "help"}))


def test_a_promotion_is_found_whatever_width_or_case_is_typed(client, hub):
    promote("dv", page=hub)
    assert "/ja/consultation/one-stop/" in promoted_html(client.get("/ja/search/", {"q": "ＤＶ"}))


def test_a_restricted_promoted_page_is_not_shown(client, hub, pages):
    promote("help", page=pages["en"]["privacy"])
    PageViewRestriction.objects.create(
        page=pages["en"]["privacy"], restriction_type="password", password="x"
    )
    assert "search-promoted" not in client.get("/en/search/", {"q": "help"}).content.decode()


def test_a_promoted_link_is_shown_with_its_text(client, db):
    promote(
        "zzpromo", external_link_url="https://example.org/help", external_link_text="A helpline"
    )
    html = promoted_html(client.get("/en/search/", {"q": "zzpromo"}))
    assert '<a href="https://example.org/help">A helpline</a>' in html


def test_searching_records_no_query_and_no_hit(client, hub):
    promote("help", page=hub)
    queries = Query.objects.count()
    for q in ["help", "something else", "qqzzxx"]:
        client.get("/en/search/", {"q": q})
    assert Query.objects.count() == queries
    assert not QueryDailyHits.objects.exists()
