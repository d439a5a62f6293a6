import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_TYPES = [
    "/{lang}/",
    "/{lang}/consultation/",
    "/{lang}/consultation/one-stop/",
    "/{lang}/topics/dv/",
    "/{lang}/network/about/",
    "/{lang}/news/",
    "/{lang}/news/network-launch/",
    "/{lang}/events/",
    "/{lang}/events/gatekeeper-training/",
    "/{lang}/faq/",
    "/{lang}/hide-traces/",
    "/{lang}/search/?q=help",
    "/{lang}/no-such-page/",
    # The print area: the index and each sheet, shown on screen as on paper.
    "/{lang}/print/",
    "/{lang}/print/card/",
    "/{lang}/print/leaflet/",
    "/{lang}/print/poster/",
    "/{lang}/accessibility/",
    # The roster of registered organizations, filtered to places to drop in.
    "/{lang}/network/organizations/?offer=drop_in",
    # Windows with weekly opening hours, chat and email channels, open all day.
    "/{lang}/consultation/dv-plus/",
    "/{lang}/consultation/child-sos-dial/",
]


@pytest.mark.parametrize("lang", ["ja", "en", "ne", "ja-x-easy"])
def test_axe_finds_no_violation_on_any_page_type(page, server, lang):
    axe = Axe()
    failures = {}
    for pattern in PAGE_TYPES:
        path = pattern.format(lang=lang)
        page.goto(f"{server}{path}")
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n".join(f"{p}:\n{r}" for p, r in failures.items())


def test_axe_finds_no_violation_on_a_phone_with_the_language_menu_open(page, server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{server}/en/topics/dv/")
    page.click(".languages summary")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# What a phone shows differently: the menu scrolls sideways, contact details stack,
# and the card sheet keeps its paper size inside a region that scrolls.
PHONE_PAGE_TYPES = [
    "/{lang}/consultation/one-stop/",
    "/{lang}/topics/resident-record/",
    "/{lang}/print/card/",
    "/{lang}/print/poster/",
    "/{lang}/network/organizations/?offer=drop_in",
    "/{lang}/no-such-page/",
]


@pytest.mark.parametrize("lang", ["ja", "ne"])
def test_axe_finds_no_violation_on_a_320_px_phone(page, server, lang):
    page.set_viewport_size({"width": 320, "height": 800})
    axe = Axe()
    failures = {}
    for pattern in PHONE_PAGE_TYPES:
        path = pattern.format(lang=lang)
        page.goto(f"{server}{path}")
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > 320:
            failures[path] = f"the page scrolls sideways: {width}px"
    assert not failures, "\n".join(f"{p}:\n{r}" for p, r in failures.items())
