"""The members' navigation and language menu on a 320 px phone without JavaScript."""

import pytest

from tests.browser.test_members_journey import log_in

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def phone(browser):
    context = browser.new_context(java_script_enabled=False, viewport=NARROW)
    page = context.new_page()
    yield page
    context.close()


def test_every_section_shows_on_a_narrow_screen_and_the_language_stays_kept(phone, server):
    log_in(phone, server, "member")
    phone.wait_for_url(f"{server}/members/")
    links = phone.locator(".members-nav a")
    assert links.count() >= 6
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    assert phone.locator('.members-nav a[aria-current="page"]').get_attribute("href") == (
        "/members/"
    )
    assert phone.locator("#quick-exit").is_visible()

    phone.click('.members-nav a[href="/members/library/"]')
    assert phone.url == f"{server}/members/library/"
    phone.click(".members-languages summary")
    phone.click('.members-languages button[value="vi"]')
    assert phone.url == f"{server}/members/library/"
    assert phone.locator("html").get_attribute("lang") == "vi"

    phone.click(".members-languages summary")
    phone.click('.members-languages button[value="en"]')
    assert phone.locator("html").get_attribute("lang") == "en"
