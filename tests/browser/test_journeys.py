"""Readers' journeys on a 320 px phone, with JavaScript on and off.

Each journey starts on a home page and follows only links a reader can see, by their
names, to the page she came for. On every page on the way: the quick exit is a plain
link at the top, nothing scrolls sideways, and nothing is fetched from another host.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

WIDTH = 320
HEIGHT = 800


class Reader:
    """A page in a phone-sized window that checks every page it reaches."""

    def __init__(self, page, server, lang):
        self.page = page
        self.server = server
        self.lang = lang
        self.visited = []

    def open_home(self):
        self.page.goto(f"{self.server}/{self.lang}/")
        self.arrived()

    def follow(self, link):
        """Click a visible link and check the page it leads to."""
        link.scroll_into_view_if_needed()
        assert link.is_visible()
        before = self.page.url
        link.click()
        self.page.wait_for_load_state()
        assert self.page.url != before, f"{link} did not lead anywhere from {before}"
        self.arrived()

    def arrived(self):
        page = self.page
        # A form answer without JavaScript is a navigation: look at the page once it
        # has its stylesheet, not while it is still arriving.
        page.wait_for_load_state("load")
        path = urlsplit(page.url).path
        self.visited.append(path)
        assert page.locator("html").get_attribute("lang") == self.lang, path
        assert path.startswith(f"/{self.lang}/"), path
        # The quick exit: a plain link to another site (no script needed), at the top, not covered.
        exit_link = page.locator("#quick-exit")
        assert exit_link.evaluate("e => e.tagName") == "A", path
        assert re.match(r"https?://", exit_link.get_attribute("href") or ""), path
        # Measure and hit-test in one step, so nothing moves in between.
        box, on_top = page.evaluate(
            """() => {
                window.scrollTo({top: 0, left: 0, behavior: "instant"});
                const link = document.getElementById("quick-exit");
                const r = link.getBoundingClientRect();
                const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                return [{x: r.x, y: r.y, width: r.width, height: r.height}, link.contains(hit)];
            }"""
        )
        assert box["height"] > 0 and box["y"] < HEIGHT / 2 and box["x"] >= 0, path
        assert box["x"] + box["width"] <= WIDTH, path
        assert on_top, f"something covers the quick exit on {path}"
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= WIDTH, f"{path} scrolls sideways: {scroll_width}px"

    def main(self):
        return self.page.locator("main")


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser, server):
    context = browser.new_context(
        java_script_enabled=request.param, viewport={"width": WIDTH, "height": HEIGHT}
    )
    elsewhere = []
    here = urlsplit(server).hostname

    def only_this_server(route):
        if urlsplit(route.request.url).hostname == here:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert here == "127.0.0.1"
    assert not elsewhere, f"requests to other hosts: {elsewhere}"


def site_menu(page):
    return page.locator("nav.site-nav")


def chat_link_is_usable(page):
    contact = page.locator("section", has=page.get_by_role("heading", name="連絡のしかた"))
    chat = contact.locator(".channel--chat").get_by_role("link", name=re.compile("チャット"))
    chat.scroll_into_view_if_needed()
    assert chat.is_visible()
    assert re.match(r"https://[\w.-]+/", chat.get_attribute("href"))
    box = chat.bounding_box()
    assert box["height"] >= 20 and box["x"] + box["width"] <= WIDTH, "hard to tap"


def test_a_woman_who_cannot_speak_on_the_phone_finds_a_chat_among_the_windows(phone, server):
    reader = Reader(phone, server, "ja")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="相談窓口", exact=True))
    assert phone.get_by_role("heading", level=1).inner_text() == "相談窓口"
    # The list says which window also takes chat and email.
    card = reader.main().locator(".card").filter(has_text="チャット")
    reader.follow(card.first.get_by_role("link").first)
    chat_link_is_usable(phone)
    assert reader.visited[:2] == ["/ja/", "/ja/consultation/"]
    assert re.fullmatch(r"/ja/consultation/[\w-]+/", reader.visited[2])


def test_a_woman_who_cannot_speak_on_the_phone_finds_a_chat_with_the_help_finder(phone, server):
    reader = Reader(phone, server, "ja")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="相談先ナビ"))
    answers = (
        "わたし自身のこと",
        "パートナーや家族からの暴力・暴言",
        "今は大丈夫だけれど、不安がある",
        "日本語",
    )
    for answer in answers:
        question = reader.main().get_by_role("heading", level=2).first
        asked = question.inner_text()
        phone.get_by_role("button", name=answer, exact=True).click()
        expect(question).not_to_have_text(asked)  # the next question, or the answer
        reader.arrived()
    reader.follow(reader.main().get_by_role("link", name="DV相談＋（プラス）"))
    chat_link_is_usable(phone)
    assert reader.visited[-1] == "/ja/consultation/dv-plus/"


def test_a_woman_who_cannot_speak_finds_the_fax_of_the_one_stop_window(phone, server):
    reader = Reader(phone, server, "ja")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="相談窓口", exact=True))
    reader.follow(reader.main().get_by_role("link", name=re.compile("ワンストップ相談窓口")).first)
    assert reader.visited[-1] == "/ja/consultation/one-stop/"
    fax = phone.locator("main .channel--fax")
    assert fax.is_visible()
    assert "聞こえない・話しにくい" in fax.inner_text()
    assert re.search(r"\d{2,4}-\d{2,4}-\d{4}", fax.inner_text())
    assert phone.get_by_role("heading", name="受付時間").is_visible()


def resident_record_is_explained(page):
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("अर्को व्यक्तिले तपाईंको निवास अभिलेख")
    )
    main = page.locator("main").inner_text()
    assert "निवेदनको प्रक्रिया" in main  # how to apply
    assert "नागरिक शाखा" in main and "शिमिन्का" in main  # as said at the counter
    assert "市民課" in main  # as written there, to show at the counter
    assert "DV आदि सहायता उपाय" in main


def test_a_nepali_reader_finds_how_to_hide_her_resident_record_by_topic(phone, server):
    reader = Reader(phone, server, "ne")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="समस्या अनुसार खोज्नुहोस्"))
    reader.follow(reader.main().get_by_role("link", name=re.compile("निवास अभिलेख")))
    resident_record_is_explained(phone)
    assert reader.visited[-1] == "/ne/topics/resident-record/"


def test_a_nepali_reader_finds_the_resident_record_page_by_searching(phone, server):
    reader = Reader(phone, server, "ne")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="खोज्नुहोस्", exact=True))
    search = reader.main().get_by_role("searchbox")
    search.fill("निवास अभिलेख")  # "resident record", as she would say it
    search.press("Enter")
    phone.wait_for_url(re.compile(r"/ne/search/\?q="))
    reader.arrived()
    reader.follow(reader.main().get_by_role("link", name=re.compile("निवास अभिलेख")).first)
    resident_record_is_explained(phone)
    assert reader.visited[-1] == "/ne/topics/resident-record/"


def test_a_friend_finds_how_to_help(phone, server):
    reader = Reader(phone, server, "en")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name="Find Help by What Is Happening"))
    reader.follow(
        reader.main().get_by_role("link", name=re.compile("help a family member or friend"))
    )
    assert reader.visited[-1] == "/en/topics/helping-someone/"
    main = reader.main()
    assert "It is not your fault" in main.inner_text()
    # She can ask for advice herself: a window she can call from the page.
    phone_link = main.locator(".cards a[href^='tel:']").first
    phone_link.scroll_into_view_if_needed()
    assert phone_link.is_visible()
    assert re.fullmatch(r"tel:[\d#]+", phone_link.get_attribute("href"))


def test_a_teenager_finds_a_window_for_young_people_in_easy_japanese(phone, server):
    reader = Reader(phone, server, "ja-x-easy")
    reader.open_home()
    reader.follow(site_menu(phone).get_by_role("link", name=re.compile("さがす$")).first)
    reader.follow(reader.main().get_by_role("link", name=re.compile("の あなたへ")))
    assert reader.visited[-1] == "/ja-x-easy/topics/teens/"
    reader.follow(reader.main().locator(".cards").get_by_role("link", name=re.compile("SOS")))
    assert reader.visited[-1] == "/ja-x-easy/consultation/child-sos-dial/"
    call = phone.locator("a.contact__phone")
    assert call.is_visible()
    assert call.get_attribute("href") == "tel:0120078310"
