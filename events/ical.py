"""iCalendar (RFC 5545) text for events: small enough to write without a library.

Calendars see only what a calendar entry needs: title, time, place and the
link to the event in the members area. The agenda, the online meeting link
and the materials stay behind the login, because subscribed feeds are
fetched and kept by calendar services outside the network.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from core.furigana import base_text

PRODID = "-//Support Network Portal//Members events//EN"
MAX_LINE_OCTETS = 75


def escape_text(value):
    """TEXT values: backslash, semicolon, comma and line breaks are escaped."""
    # A calendar shows no furigana: {漢字|かんじ} is written 漢字.
    text = base_text(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(plain, escaped)
    return text


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space.

    Lines are cut between characters, never inside a multi-byte UTF-8 sequence.
    """
    parts = []
    current, size, limit = [], 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            # Continuation lines start with a space, which counts towards their 75 octets.
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(event):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def vevent(event, *, url, description, stamp):
    location = event.place
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event)}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.last_published_at:
        lines.append(f"LAST-MODIFIED:{utc(event.last_published_at)}")
    lines += [f"URL:{url}", f"DESCRIPTION:{escape_text(description)}", "END:VEVENT"]
    return lines


def calendar(entries, *, name=None):
    """A VCALENDAR from (event, url, description) triples, as CRLF-terminated text."""
    stamp = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event, url, description in entries:
        lines += vevent(event, url=url, description=description, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
