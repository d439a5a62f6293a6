import pytest


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_reading_and_switching_language_without_javascript(page, server):
    page.goto(f"{server}/ja/")
    page.click("text=困りごとから探す")
    assert "/ja/topics/" in page.url
    page.click(".languages summary")
    page.click('.languages a[hreflang="en"]')
    assert page.url == f"{server}/en/topics/"
    assert page.locator("h1").inner_text()


def test_quick_exit_is_a_plain_link_without_javascript(page, server):
    page.route(
        "https://tenki.jp/**", lambda route: route.fulfill(body="weather", content_type="text/html")
    )
    page.goto(f"{server}/en/faq/")
    page.click("#quick-exit")
    page.wait_for_url("https://tenki.jp/")


def test_search_works_without_javascript(page, server):
    page.goto(f"{server}/en/search/")
    page.fill("#q", "violence")
    page.click(".search-form button")
    assert page.locator(".results li").count() > 0
