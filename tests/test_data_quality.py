"""Per-event golden snapshots and invariants over the whole packaged dataset.

A change to a date, a participant, a status or a figure changes the snapshot of that event:
regenerate with ``SUMMIT_EVENTS_REGENERATE=1 python -m pytest tests/test_data_quality.py`` and
review the diff of ``tests/golden/events.json`` like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import summit_events as se

ds = se.load()
GOLDEN = Path(__file__).parent / "golden" / "events.json"
EVENTS = ds.events()


def snapshot(event: se.Event) -> dict[str, Any]:
    """The key facts of one event."""
    facts: dict[str, Any] = {
        "kind": event.kind,
        "status": event.status.value,
        "date": None if event.timing is None else event.timing.date.isoformat(),
        "zone": None if event.timing is None else event.timing.zone,
        "start": None if event.timing is None or event.timing.start is None else event.timing.start.isoformat(),
        "participants": [f"{p.person}/{p.side}/{p.role.value}" for p in event.participants],
        "parties": list(event.parties),
        "durations": [f"{d.qualifier.value} {d.minutes} min by {d.by}" for d in event.durations],
        "related": [f"{r.kind.value} {r.target}" for r in event.related],
        "status_claims": [f"{c.status.value} by {c.by}" for c in event.status_claims],
        "track": event.track,
    }
    if event.timing is not None and event.timing.last_date is not None:
        facts["last_date"] = event.timing.last_date.isoformat()
    if event.series is not None:
        facts["series"] = f"{event.series} round {event.round}"
    if isinstance(event, se.Occurrence) and event.exchanged:
        facts["exchanged"] = [
            f"{c.released_by} {c.qualifier.value} {c.count} {c.what or ''} on {c.day or '-'} by {c.by}"
            for c in event.exchanged
        ]
    documents = [d.id for d in ds.documents if event.id in d.discussed_at]
    if documents:
        facts["documents"] = documents
    if isinstance(event, se.Meeting) and event.place is not None:
        place = event.place
        facts["place"] = [place.name, place.city, place.country, place.latitude, place.longitude]
    if isinstance(event, se.Call):
        facts["initiator"] = event.initiator
    return facts


def load_golden() -> dict[str, Any]:
    if os.environ.get("SUMMIT_EVENTS_REGENERATE"):
        GOLDEN.write_text(
            json.dumps({e.id: snapshot(e) for e in EVENTS}, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            "utf-8",
        )
    data: dict[str, Any] = json.loads(GOLDEN.read_text("utf-8"))
    return data


GOLDEN_DATA = load_golden()


DOCUMENTS_GOLDEN = Path(__file__).parent / "golden" / "documents.json"


def document_snapshot(document: se.Document) -> dict[str, Any]:
    """The key facts of one document: when it became known, its point counts and drafters by whom."""
    return {
        "known": None if document.known is None else document.known.isoformat(),
        "points": [f"{c.qualifier.value} {c.count} by {c.by}" for c in document.points],
        "drafting": [c.by for c in document.drafting],
        "revises": document.revises,
        "discussed_at": list(document.discussed_at),
    }


def load_documents_golden() -> dict[str, Any]:
    if os.environ.get("SUMMIT_EVENTS_REGENERATE"):
        DOCUMENTS_GOLDEN.write_text(
            json.dumps({d.id: document_snapshot(d) for d in ds.documents}, indent=2, ensure_ascii=False,
                       sort_keys=True) + "\n",
            "utf-8",
        )
    data: dict[str, Any] = json.loads(DOCUMENTS_GOLDEN.read_text("utf-8"))
    return data


DOCUMENTS_DATA = load_documents_golden()


@pytest.mark.parametrize("document", ds.documents, ids=[d.id for d in ds.documents])
def test_document_matches_its_golden_snapshot(document: se.Document) -> None:
    assert document_snapshot(document) == DOCUMENTS_DATA.get(document.id)


def test_no_document_disappeared() -> None:
    assert sorted(DOCUMENTS_DATA) == sorted(d.id for d in ds.documents)


@pytest.mark.parametrize("event", EVENTS, ids=[e.id for e in EVENTS])
def test_event_matches_its_golden_snapshot(event: se.Event) -> None:
    assert snapshot(event) == GOLDEN_DATA.get(event.id)


def test_no_event_disappeared() -> None:
    assert sorted(GOLDEN_DATA) == sorted(e.id for e in EVENTS)


def test_every_record_and_office_is_sourced() -> None:
    for record in (*ds.people, *EVENTS, *ds.reactions):
        assert record.sources, record.id
    known = {s.id for s in ds.sources}
    cited = {s for r in (*ds.people, *EVENTS, *ds.reactions) for s in r.sources}
    cited |= {s for p in ds.people for o in p.offices for s in o.sources}
    assert cited <= known


def _cited(value: Any) -> set[str]:
    """Every source id cited anywhere inside a record's JSON (claims, offices, documents, ...)."""
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in (set(v) if k == "sources" else _cited(v))}
    if isinstance(value, list):
        return {s for v in value for s in _cited(v)}
    return set()


def test_every_source_is_cited_somewhere() -> None:
    document = se.to_dict(ds)
    cited = _cited({k: v for k, v in document.items() if k != "sources"})
    assert {s.id for s in ds.sources} - cited == set()


def test_every_held_meeting_has_a_place_and_every_event_held_has_a_date() -> None:
    # a meeting that never took place may have no sourced venue (e.g. one "probably" in Saudi Arabia)
    for meeting in ds.meetings:
        if meeting.status.took_place:
            assert meeting.place is not None, meeting.id
    for event in EVENTS:
        if event.status in (se.EventStatus.HELD, se.EventStatus.REPORTED_UNCONFIRMED):
            assert event.timing is not None, event.id


def test_no_duplicate_events_on_the_same_day_with_the_same_people() -> None:
    seen: dict[tuple[str, Any, frozenset[str]], str] = {}
    for event in EVENTS:
        if event.timing is None:
            continue
        key = (event.kind, event.timing.date, frozenset(event.person_ids) | frozenset(event.parties))
        assert key not in seen, f"{event.id} repeats {seen[key]}"
        seen[key] = event.id


def test_principals_hold_an_office_on_the_day_they_act() -> None:
    """Leaders and officials acting for their country held a sourced office that day."""
    for event in EVENTS:
        if event.timing is None:
            continue
        for participant in event.participants:
            person = ds.person(participant.person)
            if person.kind is se.PersonKind.PRIVATE or participant.role is se.Role.SUBJECT:
                continue
            day = event.timing.date
            # an office without a sourced start date may cover the day: it cannot be checked, and is not guessed
            unknown = [o for o in person.offices if o.start is None and (o.end is None or day <= o.end)]
            if person.offices and not unknown:
                assert person.offices_on(day), f"{person.id} at {event.id}"


def test_coordinates_come_with_a_precision_and_a_zone() -> None:
    for meeting in ds.meetings:
        if meeting.place is not None and meeting.place.latitude is not None:
            assert meeting.place.precision is not None
            assert meeting.place.zone is not None, meeting.id
