"""The relevance set (relevance.toml) and how a search is scored against it."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from wagtail.models import Locale

CASES_FILE = Path(__file__).with_name("relevance.toml")
DEPTH = 20  # results looked at per query; an expected page further down counts as not found


@dataclass(frozen=True)
class Case:
    language: str
    query: str
    expect: tuple
    top: int
    why: str = ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    ranks: tuple  # 1-based rank of each expected page, None when not in the first DEPTH

    @property
    def found(self):
        return sum(1 for rank in self.ranks if rank is not None and rank <= self.case.top)


def load_cases(path=CASES_FILE):
    with open(path, "rb") as fh:
        cases = tomllib.load(fh)["case"]
    return [
        Case(c["language"], c["query"], tuple(c["expect"]), c["top"], c.get("why", ""))
        for c in cases
    ]


def page_path(page):
    """A page's path under its language's home: "topics/dv"."""
    return "/".join(page.url_path.strip("/").split("/")[1:])


def evaluate(cases, search):
    """Score ``search(text, locale) -> ranked pages`` on ``cases``."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    outcomes = []
    for case in cases:
        ranked = [page_path(page) for page in search(case.query, locales[case.language])]
        ranks = tuple(
            ranked.index(path) + 1 if path in ranked[:DEPTH] else None for path in case.expect
        )
        outcomes.append(Outcome(case, ranks))
    return outcomes


def recall(outcomes):
    """Share of expected pages found within their case's `top`."""
    expected = sum(len(o.case.expect) for o in outcomes)
    return sum(o.found for o in outcomes) / expected if expected else 0.0


def mean_reciprocal_rank(outcomes):
    ranks = [rank for o in outcomes for rank in o.ranks]
    return sum(1 / rank for rank in ranks if rank) / len(ranks) if ranks else 0.0


def recall_by_language(outcomes):
    """{language: recall} in the order the languages first come in the set."""
    by_language = {}
    for outcome in outcomes:
        by_language.setdefault(outcome.case.language, []).append(outcome)
    return {language: recall(found) for language, found in by_language.items()}


def site_search(text, locale):
    """The public search as readers get it: the typed text and its search words (search.synonyms)."""
    from search import synonyms
    from search.views import public_pages

    ranked, _also = synonyms.search(
        public_pages(locale), text, locale.language_code, only=["url_path"]
    )
    return ranked[:DEPTH]
