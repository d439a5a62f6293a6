from urllib.parse import urlsplit

NEUTRAL = "https://tenki.jp/"
PAGES = ["/ja/", "/en/topics/dv/", "/ne/consultation/one-stop/", "/ja-x-easy/faq/", "/en/events/"]


def neutral_site(page):
    page.route(
        "https://tenki.jp/**",
        lambda route: route.fulfill(body="<title>weather</title>", content_type="text/html"),
    )


def test_quick_exit_click_leaves_and_replaces_the_history_entry(page, server):
    neutral_site(page)
    page.goto(f"{server}/en/")
    page.goto(f"{server}/en/topics/dv/")
    page.click("#quick-exit")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == f"{server}/en/"  # the topic page is gone from the history


def test_escape_key_leaves_from_anywhere_on_the_page(page, server):
    neutral_site(page)
    page.goto(f"{server}/en/")
    page.goto(f"{server}/en/faq/")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == f"{server}/en/"


def test_quick_exit_stays_on_screen_while_scrolling(page, server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{server}/ja/faq/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    box = page.locator("#quick-exit").bounding_box()
    assert box is not None and 0 <= box["y"] < 640


def test_quick_exit_is_the_first_thing_the_keyboard_reaches(page, server):
    page.goto(f"{server}/ja/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"


def test_pages_make_no_request_to_another_host_and_set_no_cookie(page, context, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in PAGES:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(server).netloc}
    assert context.cookies() == []


def test_no_horizontal_scroll_on_a_small_phone(page, server):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in PAGES:
        page.goto(f"{server}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
