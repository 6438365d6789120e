"""iCalendar (RFC 5545), written by hand: one VEVENT per dated call, meeting or occurrence.

Events whose clock time is unknown are all-day (``VALUE=DATE``); those with a time are given
in UTC. UIDs are ``<event-id>@summit-events``; DTSTAMP comes from the data, never the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..collection import Dataset
from ..models import EventBase, EventStatus, Meeting
from ._common import ATTRIBUTION, PRODUCER, stamp

__all__ = ["fold", "ical"]

_STATUS = {
    EventStatus.HELD: "CONFIRMED",
    EventStatus.REPORTED_UNCONFIRMED: "TENTATIVE",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.NEVER_HELD: "CANCELLED",  # RFC 5545 has no closer status: it will not take place
}


def escape(text: str) -> str:
    """A TEXT value escaped per RFC 5545 section 3.3.11."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """One content line folded at ``limit`` octets (never inside a UTF-8 character), CRLF-terminated."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _when(event: EventBase) -> Iterator[str]:
    timing = event.timing
    assert timing is not None
    if timing.start is None:
        yield f"DTSTART;VALUE=DATE:{timing.date:%Y%m%d}"
        yield f"DTEND;VALUE=DATE:{(timing.last_date or timing.date) + dt.timedelta(days=1):%Y%m%d}"
        return
    yield f"DTSTART:{_utc(timing.start)}"
    if timing.end is not None:
        yield f"DTEND:{_utc(timing.end)}"


def _vevent(ds: Dataset, event: EventBase, stamped: str) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{event.id}@{PRODUCER}"
    yield f"DTSTAMP:{stamped}"
    yield from _when(event)
    yield f"SUMMARY:{escape(event.title)}"
    yield f"DESCRIPTION:{escape(event.summary)}"
    yield f"STATUS:{_STATUS[event.status]}"
    yield f"CATEGORIES:{event.kind.upper()}"
    if isinstance(event, Meeting) and event.place is not None:
        place = event.place
        names = dict.fromkeys(x for x in (place.name, place.city, place.country) if x)
        yield f"LOCATION:{escape(', '.join(names))}"
        if place.latitude is not None:
            yield f"GEO:{place.latitude};{place.longitude}"
    yield f"URL:{ds.source(event.sources[0]).url}"
    yield "END:VEVENT"


def ical(ds: Dataset) -> str:
    """The dated events as an iCalendar text (CRLF line ends, lines folded at 75 octets)."""
    stamped = _utc(stamp(ds))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{PRODUCER}//data {ds.data_version}//EN",
        "CALSCALE:GREGORIAN",
        f"NAME:{PRODUCER} {escape(ds.data_version)}",
        f"X-WR-CALNAME:{PRODUCER} {escape(ds.data_version)}",
        f"DESCRIPTION:{escape(ATTRIBUTION)}",
    ]
    for event in ds.events():
        if event.timing is not None:
            lines.extend(_vevent(ds, event, stamped))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
