def test_switching_language_keeps_the_same_page(page, server):
    page.goto(f"{server}/en/topics/dv/")
    page.click(".languages summary")
    page.click('.languages a[hreflang="ne"]')
    page.wait_for_url(f"{server}/ne/topics/dv/")
    assert page.get_attribute("html", "lang") == "ne"
    page.click(".languages summary")
    page.click('.languages a[hreflang="ja-x-easy"]')
    page.wait_for_url(f"{server}/ja-x-easy/topics/dv/")
    assert page.get_attribute("html", "lang") == "ja-x-easy"


def test_easy_japanese_shows_furigana(page, server):
    page.goto(f"{server}/ja-x-easy/")
    assert page.locator("ruby rt").count() > 0


def test_the_switcher_works_from_the_keyboard(page, server):
    page.goto(f"{server}/ja/")
    page.focus(".languages summary")
    page.keyboard.press("Enter")
    page.focus('.languages a[hreflang="en"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/en/")
