"""iCalendar: the icalendar library parses it; all-day vs UTC times, stable UIDs, folding, CRLF."""

from __future__ import annotations

import datetime as dt

import icalendar

import summit_events as se
from summit_events.export._common import latest_date
from summit_events.export.ical import fold, ical


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_one_vevent_per_dated_event_with_stable_uid(ds: se.Dataset) -> None:
    events = _events(ical(ds))
    assert set(events) == {f"{e.id}@summit-events" for e in ds.events() if e.timing is not None}


def test_dates_without_clock_time_are_all_day(rich_ds: se.Dataset) -> None:
    events = _events(ical(rich_ds))
    all_day = events["2025-02-12-trump-putin-call@summit-events"]
    assert all_day.decoded("DTSTART") == dt.date(2025, 2, 12)
    assert type(all_day.decoded("DTSTART")) is dt.date
    timed = events["2025-03-18-trump-putin-call@summit-events"]
    assert timed.decoded("DTSTART") == dt.datetime(2025, 3, 18, 14, 0, tzinfo=dt.timezone.utc)
    assert timed.decoded("DTEND") == dt.datetime(2025, 3, 18, 16, 30, tzinfo=dt.timezone.utc)


def test_dtstamp_comes_from_the_data_not_the_clock(ds: se.Dataset) -> None:
    stamps = {e.decoded("DTSTAMP") for e in _events(ical(ds)).values()}
    assert stamps == {dt.datetime.combine(latest_date(ds), dt.time(), dt.timezone.utc)}


def test_lines_are_crlf_and_at_most_75_octets(ds: se.Dataset) -> None:
    raw = ical(ds).encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75


def test_folding_never_splits_a_character_and_unfolds_to_the_text() -> None:
    line = "SUMMARY:" + "Путин–Трамп " * 20
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "").rstrip("\r\n") == line


def test_text_with_commas_and_semicolons_survives(ds: se.Dataset) -> None:
    event = _events(ical(ds))["2025-02-12-paris-foreign-ministers-meeting@summit-events"]
    assert str(event["DESCRIPTION"]) == ds.event("2025-02-12-paris-foreign-ministers-meeting").summary
