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
