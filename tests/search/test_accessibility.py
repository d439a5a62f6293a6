"""axe-core finds no violation on the search page, in each of its states.

The pages are rendered by Django's test client inside the test's transaction
(so they can show promotions and many results), then shown to Debian's
Chromium through Playwright's request routing, with the site's own static
files. No server is started.
"""

from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles import finders
from playwright.sync_api import sync_playwright
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

STATES = {
    "empty": ("/ja/search/", {}),
    "results with highlights and pages": ("/ja/search/", {"q": "相談"}),
    "promoted first": ("/en/search/", {"q": "help"}),
    "some words only": ("/en/search/", {"q": "violence xyzzy"}),
    "nothing found": ("/en/search/", {"q": "qqzzxx"}),
    "no words": ("/en/search/", {"q": "!!!"}),
    "shortened": ("/en/search/", {"q": "violence " * 30}),
}


def serve(rendered):
    def handle(route):
        path = urlsplit(route.request.url).path
        if path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/"))
            return route.fulfill(path=found) if found else route.fulfill(status=404)
        return route.fulfill(body=rendered["current"], content_type="text/html; charset=utf-8")

    return handle


def test_axe_finds_no_violation_on_the_search_page(client, pages):
    query = Query.objects.create(query_string="help")
    SearchPromotion.objects.create(query=query, page=pages["en"]["one-stop"], sort_order=0)
    html = {}
    for name, (path, params) in STATES.items():
        response = client.get(path, params)
        assert response.status_code == 200, name
        html[name] = (f"http://testserver{path}?{urlencode(params)}", response.content)

    failures, rendered = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", serve(rendered))
        for name, (url, content) in html.items():
            rendered["current"] = content
            page.goto(url)
            results = Axe().run(page)
            if results.violations_count:
                failures[name] = results.generate_report()
        browser.close()
    assert not failures, "\n".join(f"{name}:\n{report}" for name, report in failures.items())
