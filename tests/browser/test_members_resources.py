"""Members' journeys in the library and the events, and who does not see a case meeting.

The demo member is a practitioner invited to the demo case meeting; the demo
organization administrator is in neither audience. What the pages should show is
read from the server's own database, not copied from the demo's source.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from demo.events import CASE_MEETING
from tests.browser import demo_db
from tests.browser.test_members_journey import log_in

LEAFLET = "女性のための相談窓口 案内リーフレット"
COURSE = "困難女性支援の基礎"
PUBLIC_LECTURE = "講演会「困難を抱える女性に気づき、つなぐ」"


def one(server, sql, *params):
    with demo_db.connect(server) as db:
        row = db.execute(sql, params).fetchone()
    assert row is not None, (sql, params)
    return row[0]


def event_id(server, title):
    return one(server, "SELECT id FROM members_event WHERE title = ?", title)


def downloads(server, username, language):
    return one(
        server,
        "SELECT COUNT(*) FROM resources_download d JOIN auth_user u ON u.id = d.user_id "
        "WHERE u.username = ? AND d.language = ?",
        username,
        language,
    )


def titles_with_a_file_in(server, language):
    """Resources the practitioner may see whose newest version has a file in ``language``."""
    with demo_db.connect(server) as db:
        rows = db.execute(
            "SELECT r.title FROM resources_resource r WHERE r.status = 'approved' "
            "AND r.audience IN ('all', 'practitioners') AND EXISTS ("
            "  SELECT 1 FROM resources_resourcefile f WHERE f.language = ? AND f.version_id = ("
            "    SELECT v.id FROM resources_resourceversion v WHERE v.resource_id = r.id "
            "    ORDER BY v.created_at DESC, v.id DESC LIMIT 1))",
            (language,),
        ).fetchall()
    return {title for (title,) in rows}


@pytest.fixture
def member_page(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, server, "member")
    page.wait_for_url(f"{server}/members/")
    yield page
    context.close()


@pytest.fixture
def org_admin_page(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, server, "org-admin")
    page.wait_for_url(f"{server}/members/")
    yield page
    context.close()


def listed_titles(page):
    return set(page.locator(".library-list .card__link").all_inner_texts())


def test_the_member_filters_the_library_by_language_and_downloads_a_leaflet(member_page, server):
    page = member_page
    page.goto(f"{server}/members/library/")
    everything = listed_titles(page)
    expected = titles_with_a_file_in(server, "pt-br")
    assert LEAFLET in expected
    assert expected < everything  # the filter has something to narrow

    page.locator("fieldset", has_text="Language").get_by_label(re.compile("^Português")).check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/members/library/?*language=pt-br*")
    assert listed_titles(page) == expected
    assert page.locator("#library-count").inner_text() == (
        f"{len(expected)} resource" + ("s" if len(expected) != 1 else "")
    )

    page.get_by_role("link", name=LEAFLET).click()
    page.wait_for_url(re.compile(r".*/members/library/\d+/$"))
    assert page.locator("h1").inner_text() == LEAFLET
    resource_id = page.url.rstrip("/").rsplit("/", 1)[1]
    before = downloads(server, "member", "pt-br")
    current = page.locator("section[aria-labelledby=current-heading]")
    link = current.locator("li", has=page.locator("[lang=pt-br]")).get_by_role(
        "link", name=re.compile("^Download")
    )
    with page.expect_download() as info:
        link.click()
    download = info.value
    # Served by the access-checked view, which counts the download for staff.
    assert re.fullmatch(
        rf"{re.escape(server)}/members/library/{resource_id}/files/\d+/", download.url
    )
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert downloads(server, "member", "pt-br") == before + 1


def test_the_member_answers_a_meeting_and_downloads_its_ics(member_page, server):
    page = member_page
    page.goto(f"{server}/members/events/")
    page.get_by_role("link", name=CASE_MEETING).click()
    case_id = event_id(server, CASE_MEETING)
    page.wait_for_url(f"{server}/members/events/{case_id}/")

    page.get_by_label("I will attend", exact=True).check()
    page.get_by_label(re.compile("^Number of people")).fill("3")
    page.locator(".event-answer button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{server}/members/events/{case_id}/"
    assert "You will attend." in page.locator(".messages").inner_text()
    assert "You answered: attending (3 people)." in page.locator(".event-answer").inner_text()
    assert (
        one(
            server,
            "SELECT people FROM members_eventresponse r JOIN auth_user u ON u.id = r.user_id "
            "WHERE u.username = 'member' AND r.event_id = ? AND r.attending",
            case_id,
        )
        == 3
    )

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"\.ics file")).click()
    download = info.value
    assert download.url == f"{server}/members/events/{case_id}/event.ics"
    with open(download.path(), "rb") as handle:
        text = handle.read().decode().replace("\r\n ", "")  # lines unfolded
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"\r\nSUMMARY:{CASE_MEETING}\r\n" in text
    assert f"UID:event-{case_id}@" in text


def test_the_org_admin_does_not_see_the_case_meeting(org_admin_page, server):
    page = org_admin_page
    page.goto(f"{server}/members/events/")
    listed = page.locator(".event-item__title").all_inner_texts()
    assert PUBLIC_LECTURE in listed  # the list works, for the events of their audience
    assert CASE_MEETING not in listed
    assert CASE_MEETING not in page.content()
    case_id = event_id(server, CASE_MEETING)
    for path in ("", "event.ics"):
        response = page.goto(f"{server}/members/events/{case_id}/{path}")
        assert response.status == 404, path
        assert CASE_MEETING not in page.content()


def test_axe_finds_no_violation_in_the_members_events_library_and_training(member_page, server):
    page = member_page
    resource_id = one(server, "SELECT id FROM resources_resource WHERE title = ?", LEAFLET)
    course_id = one(server, "SELECT id FROM resources_course WHERE title = ?", COURSE)
    lecture_id = event_id(server, PUBLIC_LECTURE)
    paths = [
        "/members/",
        "/members/events/",
        f"/members/events/{event_id(server, CASE_MEETING)}/",
        "/members/calendar/",
        "/members/library/",
        f"/members/library/{resource_id}/",
        "/members/library/propose/",
        "/members/training/",
        f"/members/training/{course_id}/",
        "/en/events/",
        f"/en/events/lecture/{lecture_id}/",
    ]
    axe = Axe()
    failures = {}
    for path in paths:
        response = page.goto(f"{server}{path}")
        assert (response.status, page.url) == (200, f"{server}{path}")  # not a login page
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n".join(f"{p}:\n{r}" for p, r in failures.items())
