"""The "open now" line of a consultation window, at a frozen time in the browser."""

import datetime

import pytest

from home import holidays

TOKYO = datetime.timezone(datetime.timedelta(hours=9))
LIVING = "/en/consultation/living-support/"  # Monday to Friday 8:30–17:15, closed on holidays
PHONE = {"width": 320, "height": 640}


def weekday_in_june(year, weekday):
    """A day of June (no public holidays) with the given ISO weekday."""
    day = datetime.date(year, 6, 8)
    return day + datetime.timedelta(days=(weekday - day.isoweekday()) % 7)


def holiday_monday(year):
    """Marine Day, the third Monday of July."""
    return next(
        day for day in sorted(holidays.holidays(year)) if day.month == 7 and day.isoweekday() == 1
    )


@pytest.fixture
def phone_page(browser):
    # The browser's own time zone is not Japan's: the script must read Asia/Tokyo.
    context = browser.new_context(viewport=PHONE, timezone_id="America/Sao_Paulo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def status_at(page, server, moment, url=LIVING):
    page.clock.set_fixed_time(moment)
    page.goto(f"{server}{url}")
    line = page.locator("[data-opening-hours]")
    line.wait_for(state="visible")
    return line.inner_text()


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def cases(year):
    wednesday = weekday_in_june(year, 3)
    saturday = weekday_in_june(year, 6)
    marine_day = holiday_monday(year)
    at = lambda day, h, m=0: datetime.datetime.combine(day, datetime.time(h, m), TOKYO)  # noqa: E731
    return [
        (at(wednesday, 10), "Open now, until 17:15."),
        (at(wednesday, 17, 14), "Open now, until 17:15."),
        (at(wednesday, 7, 0), "Closed now. Opens today at 8:30."),
        (at(wednesday, 17, 15), "Closed now. Opens tomorrow at 8:30."),
        (at(saturday, 10), "Closed now. Opens on Monday at 8:30."),
        (at(marine_day, 10), "Closed now. Opens tomorrow at 8:30."),
    ]


def test_open_and_closed_at_a_frozen_time(phone_page, server):
    year = datetime.date.today().year
    for moment, expected in cases(year):
        assert status_at(phone_page, server, moment) == expected, moment
        assert no_horizontal_scroll(phone_page)


def test_the_year_end_closure_and_the_new_year_holiday(phone_page, server):
    year = datetime.date.today().year
    moment = datetime.datetime(year, 12, 31, 10, 0, tzinfo=TOKYO)
    first_open = datetime.date(year + 1, 1, 4)
    while first_open.isoweekday() > 5 or holidays.is_holiday(first_open):
        first_open += datetime.timedelta(days=1)
    text = status_at(phone_page, server, moment)
    assert text.startswith("Closed now. Opens on ")
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][first_open.isoweekday() - 1]
    assert text == f"Closed now. Opens on {day} at 8:30."


def test_the_time_is_read_in_japan_whatever_the_browsers_zone(phone_page, server):
    # 23:30 UTC on Tuesday is 8:30 on Wednesday in Tokyo.
    wednesday = weekday_in_june(datetime.date.today().year, 3)
    moment = datetime.datetime.combine(
        wednesday - datetime.timedelta(days=1), datetime.time(23, 30), datetime.UTC
    )
    assert status_at(phone_page, server, moment) == "Open now, until 17:15."


def test_a_24_hour_line_is_always_open(phone_page, server):
    moment = datetime.datetime(datetime.date.today().year, 1, 1, 3, 0, tzinfo=TOKYO)
    text = status_at(phone_page, server, moment, url="/en/consultation/police/")
    assert text == "Open now (24 hours a day)."


def test_easy_japanese_status_line_in_the_readers_language(phone_page, server):
    wednesday = weekday_in_june(datetime.date.today().year, 3)
    moment = datetime.datetime.combine(wednesday, datetime.time(10), TOKYO)
    status_at(phone_page, server, moment, url="/ja-x-easy/consultation/living-support/")
    line = phone_page.locator("[data-opening-hours]")
    assert "17:15" in line.inner_text()
    assert no_horizontal_scroll(phone_page)


def test_without_javascript_only_the_table_is_shown(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}{LIVING}")
        assert page.locator("[data-opening-hours]").is_hidden()
        assert page.locator(".opening__table").is_visible()
        text = page.locator("main").inner_text()
        assert "Monday" in text and "8:30–17:15" in text
        assert "Open now" not in text and "Closed now" not in text
        assert no_horizontal_scroll(page)
    finally:
        context.close()
