"""PLOVER JSONL: PLOVER's field names, calls, meetings and exchanges 1:1, multi-party records kept whole."""

from __future__ import annotations

import json
from typing import Any

import summit_events as se
from summit_events.export.plover import plover

REQUIRED = {"id", "date", "actor", "event"}


def _records(ds: se.Dataset) -> list[dict[str, Any]]:
    return [json.loads(line) for line in plover(ds).splitlines()]


def test_every_line_has_plover_required_fields(ds: se.Dataset) -> None:
    records = _records(ds)
    assert all(set(r) >= REQUIRED for r in records)
    assert all(r["event"] and r["actor"] for r in records)


def test_calls_and_meetings_map_one_to_one(ds: se.Dataset) -> None:
    by_id = {r["id"]: r for r in _records(ds) if r["record_kind"] in ("call", "meeting")}
    events = [*ds.calls, *ds.meetings]
    assert sorted(by_id) == sorted(e.id for e in events)
    for event in events:
        record = by_id[event.id]
        ids = {a["actor_id"] for a in record["actor"] + record["recipient"]}
        assert ids == {*event.person_ids, *event.parties}
        assert record["date"] == (event.date.isoformat() if event.date else None)


def test_prisoner_exchanges_are_coded_with_the_releasing_sides_as_actors(ds: se.Dataset) -> None:
    occurrences = {r["id"]: r for r in _records(ds) if r["record_kind"] == "occurrence"}
    exchanges = {
        o.id for o in ds.occurrences if o.category is se.OccurrenceKind.PRISONER_EXCHANGE and o.status.took_place
    }
    assert set(occurrences) == exchanges and exchanges
    swap = occurrences["2025-02-11-fogel-vinnik-exchange"]
    assert (swap["event"], swap["mode"], swap["context"], swap["cameo"]) == (["RETREAT"], ["release"], ["legal"], "0841")
    ids = {a["actor_id"] for a in swap["actor"]}
    assert "steve-witkoff" in ids and "RUS" in ids  # the envoy, and Russia as a side
    assert not ids & {"marc-fogel", "alexander-vinnik"}  # the released are what it is about, not actors


def test_multilateral_meeting_is_not_split_into_dyads(ds: se.Dataset) -> None:
    paris = [r for r in _records(ds) if r["id"] == "2025-02-12-paris-foreign-ministers-meeting"]
    assert len(paris) == 1
    assert len(paris[0]["actor"]) == 8 and paris[0]["recipient"] == []
    assert paris[0]["mode"] == ["multilateral"]


def test_visit_codes_visitor_as_actor_and_host_as_recipient(ds: se.Dataset) -> None:
    (alaska,) = [r for r in _records(ds) if r["id"] == "2025-08-15-alaska-summit"]
    assert {a["country"] for a in alaska["actor"]} == {"RUS"}  # the visitors
    assert {a["country"] for a in alaska["recipient"]} == {"USA"}  # the host
    assert "vladimir-putin" in {a["actor_id"] for a in alaska["actor"]}
    assert (alaska["event"], alaska["mode"], alaska["cameo"]) == (["CONSULT"], ["visit"], "042")


def test_statements_with_a_category_are_coded_and_neutral_ones_left_out(ds: se.Dataset) -> None:
    statements = {r["id"]: r for r in _records(ds) if r["record_kind"] == "statement"}
    stances = {r.id: r.stance for r in ds.reactions if isinstance(r, se.StatementReaction)}
    assert set(statements) == {i for i, s in stances.items() if s in (se.Stance.CRITICAL, se.Stance.SUPPORTIVE)}
    assert statements["2025-02-bolton-effectively-surrendered"]["event"] == ["ACCUSE"]


def test_related_events_share_a_link(ds: se.Dataset) -> None:
    links = {r["id"]: r["link"] for r in _records(ds)}
    assert links["2025-02-18-riyadh-talks"] == links["2025-02-12-trump-putin-call"]
