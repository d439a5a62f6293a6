"""The access promises, as people meet them in Chromium.

An editor makes a page members-only by clicking in the admin, in Japanese;
readers in other languages no longer find it anywhere. A reader sends the
sign-up form, with a mistake first, and keeps no cookie. An emergency number
is a link the browser's own URL parser reads as a number, not a fragment.
The admin loads nothing from another host and breaks no rule of its
Content-Security-Policy.
"""

from urllib.parse import urlsplit

from tests.browser import demo_db
from tests.browser.test_members_journey import log_in

LANGUAGES = ("ja", "en", "ne", "ja-x-easy")


def page_id(server, slug, language="ja"):
    with demo_db.connect(server) as db:
        return db.execute(
            "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
            "WHERE p.slug = ? AND l.language_code = ?",
            (slug, language),
        ).fetchone()[0]


def open_privacy_dialog(page, server, pk):
    page.goto(f"{server}/admin/pages/{pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The status panel stays open from one visit to the next: open it only if closed.
    if not page.locator("button[data-a11y-dialog-show=set-privacy]:visible").count():
        page.click('[data-side-panel-toggle="status"]')
    page.click("button[data-a11y-dialog-show=set-privacy]:visible")


def set_privacy_by_clicking(page, server, pk, choice):
    open_privacy_dialog(page, server, pk)
    page.check(f"#set-privacy input[name=restriction_type][value={choice}]")
    page.click("#set-privacy [type=submit]")
    page.wait_for_selector("#set-privacy", state="hidden")


def titles_and_links(page):
    return page.locator("main").inner_text() + " ".join(
        page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))") or []
    )


def test_an_editor_makes_a_page_members_only_and_every_language_loses_it(browser, server):
    pk = page_id(server, "meetings")
    reader = browser.new_context()
    anonymous = reader.new_page()
    for language in LANGUAGES:  # read (and cached) while the page is public
        anonymous.goto(f"{server}/{language}/network/")
        assert f"/{language}/network/meetings/" in titles_and_links(anonymous)

    editor = browser.new_context()
    admin = editor.new_page()
    log_in(admin, server, "admin", next_path="?next=/admin/")
    admin.wait_for_url("**/admin/")
    assert admin.locator("html").get_attribute("lang") == "ja"
    set_privacy_by_clicking(admin, server, pk, "login")
    try:
        for language in LANGUAGES:
            anonymous.goto(f"{server}/{language}/network/")
            assert f"/{language}/network/meetings/" not in titles_and_links(anonymous), language
            response = anonymous.goto(f"{server}/{language}/network/meetings/")
            assert response.status == 404, language
            anonymous.goto(f"{server}/{language}/search/?q=meetings")
            assert f"/{language}/network/meetings/" not in titles_and_links(anonymous), language
        sitemap = anonymous.goto(f"{server}/sitemap.xml").text()
        assert "/network/meetings/" not in sitemap
        assert reader.cookies() == []
    finally:
        set_privacy_by_clicking(admin, server, pk, "none")
        editor.close()
    anonymous.goto(f"{server}/en/network/")
    assert "/en/network/meetings/" in titles_and_links(anonymous)
    reader.close()


def fill_application(page, name):
    page.fill("#id_name", name)
    page.check("input[name=kind][value=npo]")
    page.fill("#id_address", "1-1 Ageo, Saitama")
    page.fill("#id_contact_name", "Mai Tanaka")
    page.fill("#id_phone", "048-000-9876")
    page.check("input[name=offers][value=posters]")
    page.check("#id_pledge")


def test_the_sign_up_form_keeps_what_was_typed_and_leaves_no_cookie(browser, server):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        name = f"Cookie-free café {'js' if javascript else 'nojs'}"
        page.goto(f"{server}/en/join/apply/")
        fill_application(page, name)
        page.fill("#id_email", "not an address")  # a mistake first
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        assert page.input_value("#id_name") == name  # nothing typed is lost
        assert context.cookies() == []
        page.fill("#id_email", "cafe@example.jp")
        page.check("#id_pledge")
        page.click("form button[type=submit]")
        page.wait_for_url("**/join/apply/thanks/")
        assert context.cookies() == []
        with demo_db.connect(server) as db:
            stored = db.execute(
                "SELECT count(*) FROM members_application WHERE name = ?", (name,)
            ).fetchone()[0]
        assert stored == 1
        context.close()


def test_emergency_numbers_are_links_the_browser_reads_as_numbers(page, server):
    page.set_viewport_size({"width": 360, "height": 740})
    links = []
    for path in ("/en/", "/en/consultation/dv-navi/", "/ne/consultation/one-stop-sexual-violence/"):
        page.goto(f"{server}{path}")
        links += page.eval_on_selector_all(
            "a[href^='tel:']",
            """links => links.map(a => {
                const url = new URL(a.href);
                return {text: a.textContent.trim(), path: decodeURIComponent(url.pathname),
                        hash: url.hash};
            })""",
        )
    numbers = {link["path"] for link in links}
    assert {"#8008", "#8891", "110"} <= numbers, numbers
    assert all(link["hash"] == "" for link in links), links  # no number hides in a fragment


def test_the_admin_asks_no_other_host_and_breaks_no_policy(browser, server):
    context = browser.new_context()
    page = context.new_page()
    hosts, violations = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, server, "admin", next_path="?next=/admin/")
    page.wait_for_url("**/admin/")
    pk = page_id(server, "one-stop")
    for path in (
        "/admin/",
        f"/admin/pages/{pk}/edit/",
        f"/admin/pages/{page_id(server, 'one-stop', 'en')}/edit/",
        "/admin/users/",
        "/admin/images/",
        "/admin/snippets/",
    ):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    open_privacy_dialog(page, server, pk)
    page.wait_for_selector("#set-privacy input[name=restriction_type]")
    assert hosts == {urlsplit(server).netloc}
    assert not violations, violations
    context.close()
