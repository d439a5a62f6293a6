"""A consultation window's opening hours: the weekly table, and "open now" without a clock.

Window pages are cached whole for anonymous readers (``core.cache``) and kept
by the front cache until an editor publishes again, so nothing the server
writes into the page may depend on when it was rendered. The decision:

- The server writes the schedule and what closes the window as data: the
  weekly ranges, and the closed dates (public holidays, computed here by
  ``home.holidays``, and the year-end days) for the year the page was last
  published and the two after it. Those years come from the page itself, not
  from the server's clock, so the same page renders the same bytes at any
  time; a page older than that simply stops showing a status until it is
  published again (a window's details should be checked yearly anyway).
- ``opening-hours.js`` (same origin, no framework) reads the reader's own
  clock in Asia/Tokyo through ``Intl`` and fills in the status line from
  strings the server translated into data attributes, so the script holds no
  language. Without JavaScript the line stays hidden and the weekly table is
  all there is: nothing claims "open now".
"""

import datetime
import json

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext

from core.furigana import base_text
from home.holidays import holidays_between

COVERED_YEARS = 3
LAST_YEAR = 2099

# ISO weekday (1 = Monday) and its name, translated when shown.
WEEKDAY_NAMES = {
    1: lambda: pgettext("weekday", "Monday"),
    2: lambda: pgettext("weekday", "Tuesday"),
    3: lambda: pgettext("weekday", "Wednesday"),
    4: lambda: pgettext("weekday", "Thursday"),
    5: lambda: pgettext("weekday", "Friday"),
    6: lambda: pgettext("weekday", "Saturday"),
    7: lambda: pgettext("weekday", "Sunday"),
}

# Django has no date formats or month names for Tagalog: dates are written as in
# English. Easy Japanese has its own, with furigana (portal/formats/ja_X-easy).
DATE_LANGUAGE = {"tl": "en"}


def weekday_name(iso_weekday):
    return WEEKDAY_NAMES[iso_weekday]()


def _format_date(value, format_name):
    language = translation.get_language() or "ja"
    with translation.override(DATE_LANGUAGE.get(language, language)):
        return formats.date_format(value, format_name)


def format_day(value):
    """A full date in the reader's language: 2026年4月1日, April 1, 2026."""
    return _format_date(value, "DATE_FORMAT")


def format_month_day(month, day):
    """A day of the year without the year: 12月29日, December 29."""
    return _format_date(datetime.date(2000, month, day), "MONTH_DAY_FORMAT")


def format_time(value):
    """9:00, 17:15: the same in every language the site has."""
    return f"{value.hour}:{value.minute:02d}"


def parse_month_day(text):
    month, day = (int(part) for part in text.split("-"))
    datetime.date(2000, month, day)  # ValueError when there is no such day
    return month, day


class OpeningHours:
    """What a window's schedule says, ready for the template."""

    def __init__(self, window):
        self.window = window
        self.always_open = window.open_24_hours
        self.ranges = {day: [] for day in WEEKDAY_NAMES}
        for block in window.opening_hours or []:
            value = block.value
            if not value.get("opens") or not value.get("closes"):
                continue
            for day in value.get("days") or []:
                self.ranges[int(day)].append((value["opens"], value["closes"]))
        for ranges in self.ranges.values():
            ranges.sort()
        self.has_schedule = self.always_open or any(self.ranges.values())

    # --- The table, in the reader's language --------------------------------

    def rows(self):
        """(day, hours) for Monday to Sunday; hours is None when closed."""
        return [
            (
                weekday_name(day),
                ", ".join(f"{format_time(a)}–{format_time(b)}" for a, b in ranges) or None,
            )
            for day, ranges in self.ranges.items()
        ]

    def year_end(self):
        """The year-end closure as text (December 29 – January 3), or ''."""
        if not self.window.closed_at_year_end:
            return ""
        start = format_month_day(*parse_month_day(self.window.year_end_from))
        end = format_month_day(*parse_month_day(self.window.year_end_until))
        return f"{start} – {end}"

    # --- The data the script reads -------------------------------------------

    def covered_years(self):
        """The years whose closed dates the page lists, read from the page, never the clock."""
        window = self.window
        moment = (
            window.last_published_at
            or window.latest_revision_created_at
            or window.first_published_at
        )
        if moment is not None:
            first = moment.date().year if hasattr(moment, "date") else moment.year
        elif window.last_checked is not None:
            first = window.last_checked.year
        else:
            return None
        first = min(max(first, 2000), LAST_YEAR)
        return first, min(first + COVERED_YEARS - 1, LAST_YEAR)

    def closures_apply(self):
        window = self.window
        return not self.always_open and (
            window.closed_on_public_holidays or window.closed_at_year_end
        )

    def closed_dates(self, first_year, last_year):
        window = self.window
        start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
        days = set()
        if window.closed_on_public_holidays:
            days.update(holidays_between(start, end))
        if window.closed_at_year_end:
            from_month, from_day = parse_month_day(window.year_end_from)
            until_month, until_day = parse_month_day(window.year_end_until)
            for year in range(first_year - 1, last_year + 1):
                begin = datetime.date(year, from_month, from_day)
                until = datetime.date(year + 1, until_month, until_day)
                if until < begin:
                    continue
                day = begin
                while day <= until:
                    if start <= day <= end:
                        days.add(day)
                    day += datetime.timedelta(days=1)
        return sorted(days)

    def data_attributes(self):
        """The attributes of the status line, as (name, value) pairs."""
        if not self.has_schedule:
            return []
        easy = translation.get_language() == "ja-x-easy"

        def text(value):
            # The script shows furigana for easy Japanese and drops it elsewhere.
            return value if easy else base_text(value)

        time, day = "{time}", "{day}"
        attrs = [
            ("data-opening-hours", ""),
            (
                "data-schedule",
                json.dumps(
                    {
                        str(d): [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in r]
                        for d, r in self.ranges.items()
                    },
                    separators=(",", ":"),
                ),
            ),
            ("data-days", json.dumps([text(weekday_name(d)) for d in WEEKDAY_NAMES])),
            ("data-text-always", text(gettext("Open now (24 hours a day)."))),
            ("data-text-open", text(gettext("Open now, until %(time)s.") % {"time": time})),
            (
                "data-text-today",
                text(gettext("Closed now. Opens today at %(time)s.") % {"time": time}),
            ),
            (
                "data-text-tomorrow",
                text(gettext("Closed now. Opens tomorrow at %(time)s.") % {"time": time}),
            ),
            (
                "data-text-later",
                text(
                    gettext("Closed now. Opens on %(day)s at %(time)s.")
                    % {"day": day, "time": time}
                ),
            ),
            ("data-text-closed", text(gettext("Closed now."))),
        ]
        if self.always_open:
            attrs.append(("data-always-open", "true"))
        elif self.closures_apply():
            years = self.covered_years()
            if years is None:
                return []  # nothing to say when the closed dates are unknown
            first, last = years
            attrs += [
                ("data-covers-from", f"{first}-01-01"),
                ("data-covers-until", f"{last}-12-31"),
                ("data-closed", " ".join(d.isoformat() for d in self.closed_dates(first, last))),
            ]
        return attrs
