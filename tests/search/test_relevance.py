"""The relevance set (search/relevance.toml) against the site's search, on this test's database."""

from search import query, relevance
from search.views import public_pages

# Reached on SQLite and PostgreSQL: 45 of 46 expected pages (docs/search.md).
RECALL_FLOOR = 0.97


def site_search(text, locale):
    return query.search(public_pages(locale), text, only=["url_path"])[: relevance.DEPTH]


def test_relevance_set_reaches_its_recall_floor(languages_of_the_relevance_set, db):
    cases = relevance.load_cases()
    outcomes = relevance.evaluate(cases, site_search)
    misses = [
        f"{o.case.language} {o.case.query!r}: {dict(zip(o.case.expect, o.ranks, strict=True))}"
        for o in outcomes
        if o.found < len(o.case.expect)
    ]
    assert relevance.recall(outcomes) >= RECALL_FLOOR, "\n".join(misses)


def test_relevance_set_covers_what_the_product_asks():
    cases = relevance.load_cases()
    assert len(cases) >= 30
    assert {"ja", "ja-x-easy", "en"} < {c.language for c in cases}
    assert len({c.language for c in cases} - {"ja", "ja-x-easy", "en"}) >= 2
    japanese = [c.query for c in cases if c.language == "ja"]
    assert {"相談", "窓口", "暴力", "住まい"} <= set(japanese)
