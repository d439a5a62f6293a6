"""A member proposes a large file and sees it go; a refused form keeps the file she chose.

The server keeps files on local disk here, so the page sends the form itself
with XMLHttpRequest; the upload is slowed down (Chromium's network emulation)
so that the bar has time to move where the test can see it.
"""

import re

import pytest

from tests.browser import demo_db
from tests.browser.test_members_journey import log_in

PROPOSE = "/members/library/propose/"
LARGE = 200 * 1024 * 1024  # MEMBER_FILE_MAX_SIZE: the largest file a member may propose
# Bytes a second: the large file takes about six seconds to send.
UPLOAD_SPEED = 33 * 1024 * 1024
RESOURCE_PAGE = re.compile(r".*/members/library/\d+/$")


def pdf_file(path, size):
    """A file the server takes for a PDF (by its first bytes), mostly a hole on disk."""
    with path.open("wb") as file:
        file.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n")
        file.truncate(size)
    return path


def proposal_count(server, title):
    with demo_db.connect(server) as db:
        return db.execute(
            "SELECT COUNT(*) FROM resources_resource WHERE title = ? AND status = 'proposed'",
            (title,),
        ).fetchone()[0]


def member_context(browser, server, **options):
    context = browser.new_context(locale="en-GB", **options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, server, "member")
    page.wait_for_url(f"{server}/members/")
    return context, page


@pytest.fixture
def member_page(browser, server):
    context, page = member_context(browser, server)
    yield page
    context.close()


def test_a_large_file_shows_its_progress_and_arrives(member_page, server, tmp_path):
    page = member_page
    title = "大きな研修動画の資料"
    large = pdf_file(tmp_path / "handbook.pdf", LARGE)
    page.goto(f"{server}{PROPOSE}")
    assert page.locator("[data-upload-progress]").is_hidden()
    page.fill("#id_title", title)
    page.select_option("#id_kind", "handbook")
    page.select_option("#id_files-0-language", "ja")
    page.set_input_files("#id_files-0-file", str(large))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": UPLOAD_SPEED,
        },
    )
    page.click("form.library-propose button[type=submit]")

    bar = page.locator("#upload-progress-bar")
    bar.wait_for(state="visible")
    page.wait_for_function(
        "() => { const v = document.querySelector('#upload-progress-bar').value;"
        " return v >= 20 && v <= 80; }",
        timeout=30_000,
    )
    status = page.locator("[data-upload-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "Sending the files:" in status.inner_text()
    assert "%" in status.inner_text()
    assert page.locator("form.library-propose button[type=submit]").is_disabled()

    page.wait_for_url(RESOURCE_PAGE, timeout=45_000)
    assert "Staff will review" in page.content()
    assert proposal_count(server, title) == 1


@pytest.mark.parametrize("javascript", [True, False])
def test_a_refused_form_keeps_the_chosen_file(browser, server, tmp_path, javascript):
    context, page = member_context(browser, server, java_script_enabled=javascript)
    title = f"相談カード（{'JS' if javascript else 'no JS'}）"
    small = pdf_file(tmp_path / "card.pdf", 64 * 1024)
    page.goto(f"{server}{PROPOSE}")
    page.select_option("#id_kind", "card")
    page.select_option("#id_files-0-language", "ja")
    page.set_input_files("#id_files-0-file", str(small))
    page.click("form.library-propose button[type=submit]")  # no title yet

    held = page.locator("[data-held]")
    held.wait_for()
    assert "Already chosen: card.pdf (64.0 KB)" in held.inner_text().replace("\xa0", " ")
    assert (
        page.locator("[role=alert]")
        .first.inner_text()
        .endswith("What you typed and the files you chose are kept.")
    )
    assert page.locator("input[name='files-0-held_action'][value=keep]").is_checked()
    page.fill("#id_title", title)
    page.click("form.library-propose button[type=submit]")
    page.wait_for_url(RESOURCE_PAGE)
    assert "Staff will review" in page.content()
    assert proposal_count(server, title) == 1
    context.close()
