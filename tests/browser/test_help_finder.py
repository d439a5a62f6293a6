"""Journeys through the help finder in Chromium, with JavaScript on and off: nothing is kept.

Each journey runs in its own browser profile, so Chromium's own history
database can be read afterwards to check what a shared computer would reveal.
"""

import sqlite3
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .demo_db import connect

# (answer to click, heading of the step it leads to; None: the results)
JOURNEYS = {
    "ja": [
        ("わたし自身のこと", "どんなことで困っていますか。"),
        ("パートナーや家族からの暴力・暴言", "今、身の危険を感じていますか。"),
        ("はい、今すぐ危ない", None),
    ],
    "en": [
        ("Myself", "What is troubling you?"),
        ("Money, housing or work", "Do you feel in danger right now?"),
        ("No", "Which language would you like to use when you talk to someone?"),
        ("A language other than Japanese", None),
    ],
}
FIRST_QUESTION = {
    "ja": "相談したいのは、どなたのことですか。",
    "en": "Who would you like to talk about?",
}
IN_DANGER = {"ja": True, "en": False}


def row_counts(server):
    with connect(server) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def history(profile):
    with sqlite3.connect(next(profile.rglob("History"))) as db:
        urls = db.execute("SELECT url, title FROM urls").fetchall()
        visits = db.execute("SELECT COUNT(*) FROM visits").fetchone()[0]
    return urls, visits


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


@pytest.fixture
def profile(tmp_path):
    return tmp_path / "profile"


@pytest.fixture
def reader(browser, profile, javascript):
    context = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


def assert_no_axe_violation(page, where):
    results = Axe().run(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def step_heading(page):
    return page.locator("[data-finder] h2").first


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_journey_keeps_nothing(server, reader, profile, javascript, lang):
    page = reader.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    url = f"{server}/{lang}/help-finder/"
    before = row_counts(server)

    page.goto(f"{server}/{lang}/")
    page.locator(f'.site-nav a[href="/{lang}/help-finder/"]').click()
    assert page.url == url
    history_length = page.evaluate("history.length")
    # axe-core runs inside the page, so it needs JavaScript; the server sends
    # the same markup either way.
    if javascript:
        assert_no_axe_violation(page, "first question")

    labels = []
    for label, heading in JOURNEYS[lang]:
        labels.append(label)
        page.get_by_role("button", name=label, exact=True).click()
        if heading:
            expect(step_heading(page)).to_have_text(heading)
        else:
            expect(page.locator(".finder-results")).to_be_visible()
        assert page.url == url  # the answers never reach the address bar
        if javascript:
            # Swapped in place: no history entry, focus on the new heading.
            assert page.evaluate("history.length") == history_length
            assert page.evaluate("document.activeElement.hasAttribute('data-finder-focus')")
        assert page.locator("#quick-exit").is_visible()
        if javascript:
            assert_no_axe_violation(page, f"after {label!r}")

    finder = page.locator("[data-finder]")
    if IN_DANGER[lang]:
        # Emergency numbers come first, then windows for immediate danger.
        expect(finder.locator("section").first).to_have_class(
            "panel panel--urgent finder-emergency"
        )
        expect(finder.locator('.finder-emergency a[href="tel:110"]')).to_be_visible()
        expect(finder.locator(".finder-windows > li").first).to_have_class("card card--urgent")
    else:
        expect(finder.locator(".finder-emergency")).to_have_count(0)
        expect(
            finder.locator('.finder-windows a[href="/en/consultation/foreign-residents/"]')
        ).to_be_visible()
    expect(finder.locator(".finder-hub a.card__link")).to_have_attribute(
        "href", f"/{lang}/consultation/one-stop/"
    )

    page.locator(".finder-back").click()
    expect(step_heading(page)).to_have_text(JOURNEYS[lang][-2][1])
    page.locator(".finder-restart button").click()
    expect(step_heading(page)).to_have_text(FIRST_QUESTION[lang])
    expect(page.locator("[data-finder] input[type=hidden]")).to_have_count(0)
    assert page.url == url

    assert reader.cookies() == []
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    assert hosts == {urlsplit(server).netloc}
    assert row_counts(server) == before

    reader.close()  # Chromium writes its history database on the way out
    urls, visits = history(profile)
    assert url in [visited for visited, _ in urls]
    for visited, title in urls:
        assert "?" not in visited, visited
        assert not any(label in title for label in labels), title
    if javascript:
        assert visits == 2  # the home page and the finder, however many answers
