"""Japanese public holidays (国民の祝日), 2000–2099, by the rules of the holiday law.

Written here rather than taken from a package: the rules fit on one screen,
they change only by an amendment of the law (announced a year ahead), and a
dependency would be one more thing to install and trust on every server. The
equinoxes use the usual approximation of the astronomical dates the National
Astronomical Observatory announces each February for the next year; it is
exact for 2000–2099 as far as those announcements go.

Included: the fixed and Happy Monday holidays as they stood in each year
(Marine Day and Respect for the Aged Day on Mondays from 2003, Mountain Day
from 2016, the Emperor's Birthday moving in 2019–2020, the Olympic moves of
2020 and 2021, the accession holidays of 2019), substitute holidays
(振替休日) and the citizens' holiday between two holidays (国民の休日).
"""

import datetime
from functools import cache

FIRST_YEAR = 2000
LAST_YEAR = 2099


def _nth_monday(year, month, n):
    first = datetime.date(year, month, 1)
    offset = (7 - first.weekday()) % 7  # days to the first Monday
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def vernal_equinox(year):
    return datetime.date(year, 3, int(20.8431 + 0.242194 * (year - 1980) - (year - 1980) // 4))


def autumnal_equinox(year):
    return datetime.date(year, 9, int(23.2488 + 0.242194 * (year - 1980) - (year - 1980) // 4))


def _named_holidays(year):
    d = datetime.date
    days = {
        d(year, 1, 1),
        _nth_monday(year, 1, 2),  # 成人の日
        d(year, 2, 11),
        vernal_equinox(year),
        d(year, 4, 29),  # みどりの日, 昭和の日 from 2007
        d(year, 5, 3),
        d(year, 5, 5),
        autumnal_equinox(year),
        d(year, 11, 3),
        d(year, 11, 23),
    }
    if year >= 2007:
        days.add(d(year, 5, 4))  # みどりの日
    if year >= 2020:
        days.add(d(year, 2, 23))  # 天皇誕生日
    elif year <= 2018:
        days.add(d(year, 12, 23))
    # 海の日
    days.add(
        {2020: d(2020, 7, 23), 2021: d(2021, 7, 22)}.get(year)
        or (_nth_monday(year, 7, 3) if year >= 2003 else d(year, 7, 20))
    )
    # 山の日
    if year >= 2016:
        days.add({2020: d(2020, 8, 10), 2021: d(2021, 8, 8)}.get(year) or d(year, 8, 11))
    # 敬老の日
    days.add(_nth_monday(year, 9, 3) if year >= 2003 else d(year, 9, 15))
    # 体育の日, スポーツの日 from 2020
    days.add({2020: d(2020, 7, 24), 2021: d(2021, 7, 23)}.get(year) or _nth_monday(year, 10, 2))
    if year == 2019:  # 天皇の即位の日, 即位礼正殿の儀
        days |= {d(2019, 5, 1), d(2019, 10, 22)}
    return days


@cache
def holidays(year):
    """The public holidays of ``year`` (2000–2099), as a frozenset of dates."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"holidays are known for {FIRST_YEAR}–{LAST_YEAR}, not {year}")
    days = _named_holidays(year)
    one = datetime.timedelta(days=1)
    # 国民の休日: a day between two holidays is a holiday too.
    between = {
        day + one
        for day in days
        if day + one not in days and day + 2 * one in days and (day + one).weekday() != 6
    }
    days |= between
    # 振替休日: a holiday on a Sunday moves the day off to the next day that is not one.
    for day in sorted(days):
        if day.weekday() == 6:
            substitute = day + one
            while substitute in days:
                substitute += one
            days.add(substitute)
    return frozenset(days)


def is_holiday(day):
    return day in holidays(day.year)


def holidays_between(start, end):
    """Public holidays from ``start`` to ``end``, both included, in order."""
    found = set()
    for year in range(start.year, end.year + 1):
        found |= {day for day in holidays(year) if start <= day <= end}
    return sorted(found)
